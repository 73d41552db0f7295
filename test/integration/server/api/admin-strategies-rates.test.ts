// Dated rates of crediting strategies, published, retracted and imported from sheets like base
// rates, with "today" pinned to 2031-03-10 (New York); a rate never breaks its strategy's guarantee.
import { beforeAll, describe, expect, it } from 'vitest';
import { auditRowsOf, productBody, testCusip, useApiHarness, type ApiHarness } from '../../../support/api.js';

const NOW = new Date('2031-03-10T15:00:00Z');

let api: ApiHarness;

useApiHarness((started) => {
  api = started;
}, { env: { RATE_SHEET_MAX_ROWS: '50' }, app: { clock: () => NOW } });

interface Issue {
  path: string;
  message: string;
}
interface Change {
  strategyRateId: string;
  current: { strategyRateId: string; rate: string; effectiveDate: string; endDate: string | null } | null;
  new: { rate: string; effectiveDate: string; endDate: string | null };
  closesCurrentOn: string | null;
  inForceToday: boolean;
  ref?: string;
}
const issuesOf = (response: { json: unknown }): Issue[] => (response.json as { issues?: Issue[] }).issues ?? [];

const base = { indexName: 'Demo Index (synthetic)', floorRate: '0', sortOrder: 0 };
const STRATEGIES = {
  cap: { ...base, strategyCode: 'CAP', strategyName: 'Cap', creditingMethod: 'cap', guaranteedRate: '1.5' },
  spread: { ...base, strategyCode: 'SPREAD', strategyName: 'Spread', creditingMethod: 'spread', guaranteedRate: '3.5', sortOrder: 1 },
  par: { ...base, strategyCode: 'PAR', strategyName: 'Participation', creditingMethod: 'participation', guaranteedRate: '25', sortOrder: 2 },
};
const CUSIP = testCusip(2101);
const ids: Record<keyof typeof STRATEGIES, string> = { cap: '', spread: '', par: '' };

beforeAll(async () => {
  const product = await api.call(api.tokens.admin, 'POST', '/v1/admin/products', productBody({ cusip: CUSIP, productType: 'FIA' }));
  expect(product.status, product.body).toBe(201);
  const { productId } = product.json as { productId: string };
  for (const key of Object.keys(STRATEGIES) as (keyof typeof STRATEGIES)[]) {
    const added = await api.call(api.tokens.admin, 'POST', `/v1/admin/products/${productId}/strategies`, STRATEGIES[key]);
    expect(added.status, added.body).toBe(201);
    ids[key] = (added.json as { strategyId: string }).strategyId;
  }
});

const publish = (key: keyof typeof STRATEGIES, body: Record<string, unknown>, token = api.tokens.admin) =>
  api.call(token, 'POST', `/v1/admin/strategies/${ids[key]}/rates`, body);

const ratesOf = (key: keyof typeof STRATEGIES) =>
  api.owner.selectFrom('fiaStrategyRates').select(['strategyRateId', 'rate', 'effectiveDate', 'endDate', 'isActive']).where('strategyId', '=', ids[key]).orderBy('effectiveDate').orderBy('createdAt').execute();

const sheet = (lines: string[], dryRun = false) =>
  api.call(api.tokens.admin, 'POST', `/v1/admin/strategy-rate-sheets?dryRun=${dryRun}`, ['cusip,strategy_code,rate,effective_date', ...lines].join('\n'), { 'content-type': 'text/csv' });

describe('publishing a strategy rate', () => {
  it('closes the open period the day before, like base rates, and is audited', async () => {
    const first = await publish('cap', { rate: '8.5', effectiveDate: '2031-03-10' });
    expect(first.status, first.body).toBe(201);
    expect(first.json).toMatchObject({ current: null, new: { rate: '8.5000', effectiveDate: '2031-03-10', endDate: null }, inForceToday: true });
    const second = await publish('cap', { rate: '9', effectiveDate: '2031-04-01' });
    expect(second.status, second.body).toBe(201);
    const change = second.json as Change;
    expect(change).toMatchObject({ current: { rate: '8.5000' }, closesCurrentOn: '2031-03-31', inForceToday: false });
    expect(await ratesOf('cap')).toMatchObject([
      { rate: '8.5000', effectiveDate: '2031-03-10', endDate: '2031-03-31', isActive: true },
      { rate: '9.0000', effectiveDate: '2031-04-01', endDate: null, isActive: true },
    ]);
    const [audit] = await auditRowsOf(api.owner, change.strategyRateId, 'PUBLISH');
    expect(audit).toMatchObject({ tableName: 'fia_strategy_rates', newValues: { rate: '9.0000', strategyCode: 'CAP', closedPreviousOn: '2031-03-31' } });
  });

  it('is refused when it breaks the guarantee, naming the rate', async () => {
    const belowCap = await publish('cap', { rate: '1.25', effectiveDate: '2031-06-01' });
    expect(belowCap.status).toBe(400);
    expect(issuesOf(belowCap)).toEqual([{ path: 'body.rate', message: 'must be at least the guaranteed minimum cap (1.5000)' }]);
    const aboveSpread = await publish('spread', { rate: '3.75', effectiveDate: '2031-06-01' });
    expect(aboveSpread.status).toBe(400);
    expect(issuesOf(aboveSpread)).toEqual([{ path: 'body.rate', message: 'must be at most the guaranteed maximum spread (3.5000)' }]);
    expect(await ratesOf('spread')).toEqual([]);
  });

  it('follows the base rates\' date rules and is admin-only', async () => {
    const backdated = await publish('par', { rate: '40', effectiveDate: '2031-03-09' });
    expect(backdated.status).toBe(400);
    expect(issuesOf(backdated)[0]).toMatchObject({ path: 'body.effectiveDate', message: expect.stringContaining('must be today (2031-03-10) or later') as string });
    const ended = await publish('par', { rate: '40', effectiveDate: '2031-05-01', endDate: '2031-04-30' });
    expect(ended.status).toBe(400);
    expect(issuesOf(ended)).toContainEqual({ path: 'body.endDate', message: 'must be on or after effectiveDate' });
    expect((await publish('par', { rate: '40', effectiveDate: '2031-05-01' }, api.tokens.rep)).status).toBe(403);
    expect(await ratesOf('par')).toEqual([]);
  });

  it('is retracted only before it takes effect; the previous period runs on', async () => {
    const [inForce, future] = await ratesOf('cap');
    const retracted = await api.call(api.tokens.admin, 'POST', `/v1/admin/strategy-rates/${future?.strategyRateId}/retract`, { reason: 'typo' });
    expect(retracted.status, retracted.body).toBe(200);
    expect(retracted.json).toMatchObject({ retracted: { isActive: false }, reopened: { strategyRateId: inForce?.strategyRateId, endDate: null } });
    expect((await auditRowsOf(api.owner, future?.strategyRateId ?? '', 'RETRACT'))[0]?.newValues).toEqual({ isActive: false, reason: 'typo' });
    const again = await api.call(api.tokens.admin, 'POST', `/v1/admin/strategy-rates/${inForce?.strategyRateId}/retract`, {});
    expect(again.status).toBe(409);
    expect((again.json as { detail: string }).detail).toContain('publish a new rate instead');
  });
});

describe('strategy rate sheets', () => {
  it('with one bad line change nothing and name the line and column', async () => {
    const before = await Promise.all([ratesOf('cap'), ratesOf('spread'), ratesOf('par')]);
    const refused = await sheet([`${CUSIP},SPREAD,2.5,2031-07-01`, `${CUSIP},PAR,10,2031-07-01`, `${CUSIP},NOPE,5,2031-07-01`]);
    expect(refused.status).toBe(400);
    const problem = refused.json as { badRows: { ref: string; errors: Issue[] }[] };
    expect(problem.badRows).toEqual([
      { ref: 'line 3', cusip: `${CUSIP} PAR`, errors: [{ path: 'line 3: rate', message: 'must be at least the guaranteed minimum participation rate (25.0000)' }] },
      { ref: 'line 4', cusip: `${CUSIP} NOPE`, errors: [{ path: 'line 4: strategy_code', message: `NOPE is not a strategy of ${CUSIP}` }] },
    ]);
    expect(await Promise.all([ratesOf('cap'), ratesOf('spread'), ratesOf('par')])).toEqual(before);
  });

  it('preview with dryRun and publish every line at once, audited as an import', async () => {
    const lines = [`${CUSIP},SPREAD,2.5,2031-07-01`, `${CUSIP},PAR,40,2031-07-01`];
    const preview = await sheet(lines, true);
    expect(preview.status, preview.body).toBe(200);
    expect(preview.json).toMatchObject({ dryRun: true, committed: false, rowCount: 2, changes: [{ ref: 'line 2', strategyRateId: null }, { ref: 'line 3' }] });
    expect(await ratesOf('spread')).toEqual([]);

    const published = await sheet(lines);
    expect(published.status, published.body).toBe(200);
    expect(published.json).toMatchObject({ committed: true, changes: [{ ref: 'line 2', new: { rate: '2.5000' } }, { ref: 'line 3', new: { rate: '40.0000' } }] });
    expect(await ratesOf('spread')).toMatchObject([{ rate: '2.5000', effectiveDate: '2031-07-01', isActive: true }]);
    const imports = await api.owner.selectFrom('auditLog').select('newValues').where('actionType', '=', 'IMPORT').where('tableName', '=', 'fia_strategy_rates').execute();
    expect(imports).toEqual([{ newValues: { format: 'csv', rows: 2, effectiveDates: ['2031-07-01'] } }]);
  });
});
