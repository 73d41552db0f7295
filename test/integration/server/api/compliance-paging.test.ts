// Paging through 100,000 records quickly (issue 12): with 100,000 comparisons stored, page 1 and a
// page 90,000 rows deep both answer in milliseconds, and their plans read the
// (comparison_date, comparison_id) index from the cursor on: no sequential scan of the table and
// no sort of more than the rows of one page. Run also on Debian's stock PostgreSQL 15 when
// RATEDESK_TEST_SYSTEM_PG_URL is set. Times are printed for the report.
import { sql, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeKeysetCursor } from '../../../../server/http/keyset-cursor.js';
import { searchStatement } from '../../../../server/compliance/search-query.js';
import type { CompliancePage } from '../../../../src-shared/compliance/search.js';
import { productBody, startApiHarness, testCusip, type ApiHarness } from '../../../support/api.js';
import { insertBulkRecords } from '../../../support/compliance-records.js';

const RECORDS = 100_000;
const DEEP_ROW = 90_000;
const LIMIT = 50;
/** Generous for a shared CI machine; the plan checks are what prove the cost does not grow with depth. */
const PAGE_BUDGET_MS = 500;

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  'Actual Rows'?: number;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
}

function pagingSuite(label: string, clusterUrl: () => string | undefined) {
  describe(label, () => {
    let api: ApiHarness;
    let explain: pg.Client;
    let deepCursor: string;

    beforeAll(async () => {
      const url = clusterUrl();
      api = await startApiHarness(url === undefined ? {} : { clusterUrl: url });
      const created = await api.call(api.tokens.admin, 'POST', '/v1/admin/products', productBody({ cusip: testCusip(900) }));
      expect(created.status, created.body).toBe(201);
      const productId = (created.json as { productId: string }).productId;
      const rate = await api.owner.selectFrom('rateHistory').select('rateHistoryId').where('productId', '=', productId).executeTakeFirstOrThrow();
      const repId = ((await api.call(api.tokens.rep, 'GET', '/v1/me')).json as { userId: string }).userId;
      const started = performance.now();
      await insertBulkRecords(api.owner, RECORDS, repId, productId, rate.rateHistoryId);
      console.info(`[${label}] inserted ${RECORDS} comparisons in ${Math.round(performance.now() - started)} ms`);
      const deep = await sql<{ at: string; id: string }>`
        SELECT to_char(comparison_date AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, comparison_id::text AS id
        FROM product_comparisons ORDER BY comparison_date DESC, comparison_id DESC OFFSET ${DEEP_ROW - 1} LIMIT 1`.execute(api.owner);
      const row = deep.rows[0];
      if (row === undefined) throw new Error('no deep row');
      deepCursor = encodeKeysetCursor({ at: row.at, id: row.id });
      explain = new pg.Client({ connectionString: api.appDatabaseUrl });
      await explain.connect();
    }, 300_000);

    afterAll(async () => {
      await explain?.end();
      await api?.close();
    });

    async function timedPage(query: string): Promise<{ ms: number; page: CompliancePage }> {
      const times: number[] = [];
      let page: CompliancePage | undefined;
      for (let run = 0; run < 5; run += 1) {
        const started = performance.now();
        const response = await api.call(api.tokens.compliance, 'GET', `/v1/compliance/comparisons?${query}`);
        times.push(performance.now() - started);
        expect(response.status, response.body).toBe(200);
        page = response.json as CompliancePage;
      }
      return { ms: median(times), page: page as CompliancePage };
    }

    async function planOf(cursor: string | undefined, filters: Record<string, string> = {}): Promise<PlanNode> {
      const statement = searchStatement(filters, { timeZone: api.config.businessTimeZone, limit: LIMIT, cursor });
      if (statement === null) throw new Error('no statement');
      const compiled: CompiledQuery = statement.compile(api.owner);
      const result = await explain.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${compiled.sql}`, [...compiled.parameters]);
      const plan = result.rows[0]?.['QUERY PLAN'][0]?.Plan;
      if (plan === undefined) throw new Error('no plan');
      return plan;
    }

    function expectKeysetPlan(plan: PlanNode): void {
      const all = nodes(plan);
      expect(all.some((node) => node['Index Name'] === 'product_comparisons_comparison_date_id_idx'), JSON.stringify(plan)).toBe(true);
      expect(all.filter((node) => node['Node Type'] === 'Seq Scan' && node['Relation Name'] === 'product_comparisons')).toEqual([]);
      // The outer merge sorts the two branches' pages, never the table.
      for (const sort of all.filter((node) => node['Node Type'] === 'Sort' || node['Node Type'] === 'Incremental Sort')) {
        expect(sort['Actual Rows'] ?? 0).toBeLessThanOrEqual(2 * (LIMIT + 1));
      }
    }

    it('answers page 1 and a page 90,000 rows deep equally fast, reading the index from the cursor', async () => {
      const first = await timedPage(`limit=${LIMIT}`);
      const deep = await timedPage(`limit=${LIMIT}&cursor=${deepCursor}`);
      console.info(`[${label}] page 1: ${first.ms.toFixed(1)} ms, page at row ${DEEP_ROW}: ${deep.ms.toFixed(1)} ms (median of 5, ${LIMIT} rows)`);
      expect(first.page.rows).toHaveLength(LIMIT);
      expect(deep.page.rows).toHaveLength(LIMIT);
      expect(deep.page.rows[0]?.clientReference).toBe(`Bulk client ${DEEP_ROW + 1}`);
      expect(first.ms).toBeLessThan(PAGE_BUDGET_MS);
      expect(deep.ms).toBeLessThan(PAGE_BUDGET_MS);
      expectKeysetPlan(await planOf(undefined));
      expectKeysetPlan(await planOf(deepCursor));
    });

    it('finds a client reference among 100,000 quickly (trigram index), and a date range from the index', async () => {
      const found = await timedPage('clientReference=client%2099999');
      console.info(`[${label}] clientReference substring search: ${found.ms.toFixed(1)} ms`);
      expect(found.page.rows.map((row) => row.clientReference)).toEqual(['Bulk client 99999']);
      expect(found.ms).toBeLessThan(PAGE_BUDGET_MS);
      const range = await timedPage('from=2030-06-01&to=2030-06-30');
      console.info(`[${label}] one month's page: ${range.ms.toFixed(1)} ms`);
      expect(range.page.rows).toHaveLength(LIMIT);
      expect(range.ms).toBeLessThan(PAGE_BUDGET_MS);
      expectKeysetPlan(await planOf(undefined, { from: '2030-06-01', to: '2030-06-30' }));
    });

    it('refuses a CSV of more than 100,000 rows with 400 asking to narrow the search, and exports a narrowed one', async () => {
      // The 100,000 bulk rows are exactly the cap: one rejected upload more is one too many.
      await sql`
        INSERT INTO comparison_upload_rejections (comparison_id, user_id, reason, comparison_date, product_ids)
        SELECT gen_random_uuid(), user_id, 'test', now(), '{}' FROM product_comparisons LIMIT 1`.execute(api.owner);
      const tooMany = await api.call(api.tokens.compliance, 'GET', '/v1/compliance/comparisons.csv');
      expect(tooMany.status).toBe(400);
      expect(tooMany.body).toMatch(/narrow the search/);
      const started = performance.now();
      const month = await api.call(api.tokens.compliance, 'GET', '/v1/compliance/comparisons.csv?from=2030-06-01&to=2030-06-30');
      console.info(`[${label}] CSV of one month: ${Math.round(performance.now() - started)} ms`);
      expect(month.status).toBe(200);
      // Five-minute steps: 288 a day, 30 days.
      expect(month.body.trim().split('\r\n')).toHaveLength(1 + 288 * 30);
    });
  });
}

pagingSuite('embedded PostgreSQL', () => undefined);

const systemUrl = process.env.RATEDESK_TEST_SYSTEM_PG_URL;
if (!systemUrl) console.warn('skipped: the stock-PostgreSQL 15 paging run needs RATEDESK_TEST_SYSTEM_PG_URL');
describe.skipIf(!systemUrl)('stock PostgreSQL 15', () => {
  pagingSuite('stock PostgreSQL 15', () => systemUrl);
});
