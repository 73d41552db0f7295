// Publishing, retracting and importing rates, with "today" pinned to 2031-03-10 in New York.
import { beforeAll, describe, expect, it } from 'vitest';
import { auditRowsOf, databaseDigest, productBody, testCusip, useApiHarness, type ApiHarness } from '../../../support/api.js';

const TODAY = '2031-03-10';
// 15:00 UTC is 11:00 in New York (EDT from 2031-03-09).
const NOW = new Date('2031-03-10T15:00:00Z');

let api: ApiHarness;

interface Problem {
  status: number;
  type: string;
  detail: string;
  issues: { path: string; message: string }[];
  badRows?: { ref: string; cusip: string | null; errors: { path: string; message: string }[] }[];
}

interface Change {
  productId: string;
  cusip: string;
  current: { rateHistoryId: string; baseRate: string; effectiveDate: string; endDate: string | null } | null;
  new: { baseRate: string; bonusRate: string; effectiveDate: string };
  closesCurrentOn: string | null;
  inForceToday: boolean;
  rateHistoryId: string | null;
  ref?: string;
}

useApiHarness((started) => {
  api = started;
}, { env: { RATE_SHEET_MAX_ROWS: '50' }, app: { clock: () => NOW } });

async function createProduct(n: number, overrides: Record<string, unknown> = {}): Promise<{ productId: string; cusip: string }> {
  const response = await api.call(api.tokens.admin, 'POST', '/v1/admin/products', productBody({ cusip: testCusip(n), ...overrides }));
  expect(response.status, response.body).toBe(201);
  return response.json as { productId: string; cusip: string };
}

async function ratesOf(productId: string) {
  return api.owner
    .selectFrom('rateHistory')
    .select(['rateHistoryId', 'baseRate', 'bonusRate', 'effectiveDate', 'endDate', 'isActive'])
    .where('productId', '=', productId)
    .orderBy('effectiveDate')
    .execute();
}

async function productRates(productId: string) {
  return api.owner.selectFrom('products').select(['baseRate', 'bonusRate']).where('productId', '=', productId).executeTakeFirstOrThrow();
}

/** Moves a product's first rate back in time, as if it had been published long ago. */
async function backdateFirstRate(productId: string, effectiveDate: string): Promise<void> {
  await api.owner.updateTable('rateHistory').set({ effectiveDate }).where('productId', '=', productId).execute();
}

describe('POST /v1/admin/products/:productId/rates', () => {
  it('publishes a future rate: closes the open period the day before, leaves the current rate alone', async () => {
    const product = await createProduct(1);
    const response = await api.call(api.tokens.admin, 'POST', `/v1/admin/products/${product.productId}/rates`, {
      baseRate: '4.75',
      bonusRate: '0.5',
      effectiveDate: '2031-04-01',
    });
    expect(response.status, response.body).toBe(201);
    const change = response.json as Change;
    expect(change).toMatchObject({
      current: { baseRate: '4.5000', effectiveDate: TODAY, endDate: null },
      new: { baseRate: '4.7500', bonusRate: '0.5000', effectiveDate: '2031-04-01' },
      closesCurrentOn: '2031-03-31',
      inForceToday: false,
    });
    expect(await ratesOf(product.productId)).toMatchObject([
      { baseRate: '4.5000', effectiveDate: TODAY, endDate: '2031-03-31', isActive: true },
      { rateHistoryId: change.rateHistoryId, baseRate: '4.7500', effectiveDate: '2031-04-01', endDate: null, isActive: true },
    ]);
    expect(await productRates(product.productId)).toEqual({ baseRate: '4.5000', bonusRate: '1.0000' });

    const audit = await api.owner.selectFrom('auditLog').selectAll().where('recordId', '=', change.rateHistoryId).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      actionType: 'PUBLISH',
      tableName: 'rate_history',
      oldValues: { baseRate: '4.5000', effectiveDate: TODAY, endDate: null },
      newValues: expect.objectContaining({ baseRate: '4.7500', effectiveDate: '2031-04-01', closedPreviousOn: '2031-03-31' }),
    });
  });

  it('updates the product’s current rates when the new rate is in force today', async () => {
    const product = await createProduct(2);
    await backdateFirstRate(product.productId, '2031-01-01');
    const response = await api.call(api.tokens.admin, 'POST', `/v1/admin/products/${product.productId}/rates`, {
      baseRate: '5.1',
      effectiveDate: TODAY,
    });
    expect(response.status, response.body).toBe(201);
    expect(response.json).toMatchObject({ inForceToday: true, closesCurrentOn: '2031-03-09', new: { bonusRate: '0.0000' } });
    expect(await productRates(product.productId)).toEqual({ baseRate: '5.1000', bonusRate: '0.0000' });
    const updates = await auditRowsOf(api.owner, product.productId, 'UPDATE');
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ oldValues: { baseRate: '4.5000', bonusRate: '1.0000' }, newValues: { baseRate: '5.1000', bonusRate: '0.0000' } });
  });

  it('refuses an effective date on or before the latest published one (409) and in the past (400)', async () => {
    const product = await createProduct(3);
    const url = `/v1/admin/products/${product.productId}/rates`;
    expect((await api.call(api.tokens.admin, 'POST', url, { baseRate: '4.6', effectiveDate: '2031-05-01' })).status).toBe(201);

    for (const effectiveDate of ['2031-05-01', '2031-04-15']) {
      const response = await api.call(api.tokens.admin, 'POST', url, { baseRate: '4.7', effectiveDate });
      expect(response.status).toBe(409);
      expect((response.json as Problem).issues).toEqual([
        { path: 'body.effectiveDate', message: expect.stringContaining('must be after 2031-05-01') },
      ]);
    }
    const past = await api.call(api.tokens.admin, 'POST', url, { baseRate: '4.7', effectiveDate: '2031-03-09' });
    expect(past.status).toBe(409);
    expect((past.json as Problem).issues.map((issue) => issue.message)).toEqual(
      expect.arrayContaining([expect.stringContaining(`today (${TODAY}) or later`)]),
    );
    expect(await ratesOf(product.productId)).toHaveLength(2);
  });

  it('refuses a bonus for a product without bonus years, and publishing to a deactivated product', async () => {
    const noBonus = await createProduct(4, { bonusRate: '0', bonusYears: 0 });
    const bonus = await api.call(api.tokens.admin, 'POST', `/v1/admin/products/${noBonus.productId}/rates`, {
      baseRate: '4.0',
      bonusRate: '1.0',
      effectiveDate: '2031-06-01',
    });
    expect(bonus.status).toBe(400);
    expect((bonus.json as Problem).issues).toEqual([{ path: 'body.bonusRate', message: expect.stringContaining('bonusYears is 0') }]);

    const withdrawn = await createProduct(5);
    await api.call(api.tokens.admin, 'POST', `/v1/admin/products/${withdrawn.productId}/deactivate`);
    const response = await api.call(api.tokens.admin, 'POST', `/v1/admin/products/${withdrawn.productId}/rates`, {
      baseRate: '4.0',
      effectiveDate: '2031-06-01',
    });
    expect(response.status).toBe(409);
    expect((response.json as Problem).detail).toContain('deactivated');
  });

  it('answers 404 for an unknown product', async () => {
    const response = await api.call(api.tokens.admin, 'POST', '/v1/admin/products/6d1f3c1a-1111-4222-8333-944455556666/rates', {
      baseRate: '4.0',
      effectiveDate: '2031-06-01',
    });
    expect(response.status).toBe(404);
  });
});

describe('POST /v1/admin/rates/:rateHistoryId/retract', () => {
  it('retracts a future rate and lets the previous period run on', async () => {
    const product = await createProduct(10);
    const published = (await api.call(api.tokens.admin, 'POST', `/v1/admin/products/${product.productId}/rates`, {
      baseRate: '4.9',
      effectiveDate: '2031-04-01',
    })).json as Change;
    const response = await api.call(api.tokens.admin, 'POST', `/v1/admin/rates/${published.rateHistoryId}/retract`, { reason: 'typo in sheet' });
    expect(response.status, response.body).toBe(200);
    expect(response.json).toMatchObject({
      retracted: { rateHistoryId: published.rateHistoryId, isActive: false },
      reopened: { effectiveDate: TODAY, endDate: null },
    });
    expect(await ratesOf(product.productId)).toMatchObject([
      { effectiveDate: TODAY, endDate: null, isActive: true },
      { effectiveDate: '2031-04-01', isActive: false },
    ]);
    const [retract] = await auditRowsOf(api.owner, published.rateHistoryId, 'RETRACT');
    expect(retract?.newValues).toEqual({ isActive: false, reason: 'typo in sheet' });

    // A new rate may now be published for that date again.
    const again = await api.call(api.tokens.admin, 'POST', `/v1/admin/products/${product.productId}/rates`, {
      baseRate: '4.8',
      effectiveDate: '2031-04-01',
    });
    expect(again.status).toBe(201);

    const twice = await api.call(api.tokens.admin, 'POST', `/v1/admin/rates/${published.rateHistoryId}/retract`);
    expect(twice.status).toBe(409);
  });

  it('refuses to retract a rate already in force', async () => {
    const product = await createProduct(11);
    const [current] = await ratesOf(product.productId);
    const response = await api.call(api.tokens.admin, 'POST', `/v1/admin/rates/${current?.rateHistoryId}/retract`);
    expect(response.status).toBe(409);
    expect((response.json as Problem).detail).toContain('publish a new rate instead');
    expect((await ratesOf(product.productId))[0]?.isActive).toBe(true);
  });
});

describe('POST /v1/admin/rate-sheets', () => {
  let sheetProducts: { productId: string; cusip: string }[];

  beforeAll(async () => {
    sheetProducts = [];
    for (let n = 200; n < 205; n += 1) sheetProducts.push(await createProduct(n));
    await createProduct(205, { bonusRate: '0', bonusYears: 0 });
  });

  const csv = (...lines: string[]) => `${lines.join('\n')}\n`;
  const postCsv = (body: string, dryRun: boolean) =>
    api.call(api.tokens.admin, 'POST', `/v1/admin/rate-sheets?dryRun=${dryRun}`, body, { 'content-type': 'text/csv' });

  it('previews a sheet in a dry run and writes nothing', async () => {
    const before = await databaseDigest(api.owner);
    const response = await postCsv(
      csv('cusip,base_rate,bonus_rate,effective_date', `${testCusip(200)},4.80,0.50,2031-04-01`, `${testCusip(201)},4.9,,2031-04-01`),
      true,
    );
    expect(response.status, response.body).toBe(200);
    expect(response.json).toMatchObject({ dryRun: true, committed: false, today: TODAY, rowCount: 2 });
    const changes = (response.json as { changes: Change[] }).changes;
    expect(changes).toMatchObject([
      { ref: 'line 2', cusip: testCusip(200), current: { baseRate: '4.5000' }, new: { baseRate: '4.8000', bonusRate: '0.5000' }, closesCurrentOn: '2031-03-31', rateHistoryId: null },
      { ref: 'line 3', cusip: testCusip(201), new: { baseRate: '4.9000', bonusRate: '0.0000', effectiveDate: '2031-04-01' } },
    ]);
    expect(await databaseDigest(api.owner)).toEqual(before);
  });

  it('lists every bad row with its line and reasons, and writes nothing', async () => {
    const before = await databaseDigest(api.owner);
    const response = await postCsv(
      csv(
        'cusip,base_rate,bonus_rate,effective_date',
        `${testCusip(200)},4.80,0.50,2031-04-01`,
        `${testCusip(299)},4.80,0,2031-04-01`,
        `${testCusip(201)},4.5%,0,2031-02-30`,
        `${testCusip(202)},4.80,0,2031-03-01`,
        `${testCusip(200)},4.85,0,2031-04-02`,
        `${testCusip(205)},4.00,1.00,2031-04-01`,
        `${testCusip(203)},4.80`,
        '037833101,4.80,0,2031-04-01',
      ),
      false,
    );
    expect(response.status).toBe(400);
    const problem = response.json as Problem;
    expect(problem.type).toBe('https://ratedesk.example/problems/validation-failed');
    expect(problem.detail).toContain('nothing was published');
    expect(problem.badRows?.map((row) => row.ref)).toEqual(['line 3', 'line 4', 'line 5', 'line 6', 'line 7', 'line 8', 'line 9']);
    const paths = problem.issues.map((issue) => issue.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'line 3: cusip',
        'line 4: base_rate',
        'line 4: effective_date',
        'line 5: effective_date',
        'line 6: cusip',
        'line 7: bonus_rate',
        'line 8',
        'line 9: cusip',
      ]),
    );
    const message = (path: string) => problem.issues.find((issue) => issue.path === path)?.message;
    expect(message('line 3: cusip')).toContain('not in the catalog');
    expect(message('line 4: effective_date')).toBe('must be a real calendar date');
    expect(message('line 6: cusip')).toContain('first on line 2');
    expect(message('line 8')).toContain('2 fields');
    expect(message('line 9: cusip')).toContain('check digit');
    expect(await databaseDigest(api.owner)).toEqual(before);
  });

  it('commits every row in one transaction and audits the import', async () => {
    const response = await postCsv(
      `\uFEFFcusip,effective_date,base_rate,bonus_rate\r\n"${testCusip(202)}",2031-04-01,"4.70",0\r\n${testCusip(203)},2031-04-01,4.60,0.25\r\n`,
      false,
    );
    expect(response.status, response.body).toBe(200);
    const result = response.json as { committed: boolean; changes: Change[] };
    expect(result.committed).toBe(true);
    expect(result.changes.map((change) => change.rateHistoryId)).toEqual([expect.any(String), expect.any(String)]);
    const rates = await ratesOf(sheetProducts[2]?.productId ?? '');
    expect(rates).toMatchObject([
      { effectiveDate: TODAY, endDate: '2031-03-31' },
      { baseRate: '4.7000', effectiveDate: '2031-04-01', endDate: null },
    ]);
    const imports = await api.owner.selectFrom('auditLog').selectAll().where('actionType', '=', 'IMPORT').execute();
    expect(imports).toHaveLength(1);
    expect(imports[0]?.newValues).toEqual({ format: 'csv', rows: 2, effectiveDates: ['2031-04-01'] });
  });

  it('takes JSON rows too, naming bad rows by their position', async () => {
    const bad = await api.call(api.tokens.admin, 'POST', '/v1/admin/rate-sheets?dryRun=false', {
      rows: [{ cusip: testCusip(204), baseRate: '4.6', effectiveDate: '2031-04-01' }, { cusip: testCusip(204), baseRate: 'high' }, 'nonsense'],
    });
    expect(bad.status).toBe(400);
    expect((bad.json as Problem).issues.map((issue) => issue.path)).toEqual(['row 2: baseRate', 'row 2: effectiveDate', 'row 3']);

    const good = await api.call(api.tokens.admin, 'POST', '/v1/admin/rate-sheets', {
      rows: [{ cusip: testCusip(204), baseRate: '4.6', bonusRate: '0.1', effectiveDate: '2031-04-01' }],
    });
    expect(good.status, good.body).toBe(200);
    expect(good.json).toMatchObject({ committed: true, changes: [{ ref: 'row 1', new: { baseRate: '4.6000', bonusRate: '0.1000' } }] });
  });

  it('refuses a wrong header, an empty sheet, too many rows and other media types', async () => {
    const header = await postCsv(csv('cusip,rate,effective_date', `${testCusip(200)},4.8,2031-04-01`), true);
    expect(header.status).toBe(400);
    expect((header.json as Problem).issues).toEqual(
      expect.arrayContaining([
        { path: 'line 1', message: 'unknown column(s): rate' },
        { path: 'line 1', message: 'missing column(s): base_rate' },
      ]),
    );
    expect((await postCsv('cusip,base_rate,bonus_rate,effective_date\n', true)).status).toBe(400);

    const rows = Array.from({ length: 51 }, (_, i) => `${testCusip(200)},4.${i},0,2031-04-01`);
    const tooMany = await postCsv(csv('cusip,base_rate,bonus_rate,effective_date', ...rows), true);
    expect(tooMany.status).toBe(400);
    expect((tooMany.json as Problem).detail).toContain('at most 50');

    const plain = await api.call(api.tokens.admin, 'POST', '/v1/admin/rate-sheets', 'cusip,base_rate\n', { 'content-type': 'text/plain' });
    expect(plain.status).toBe(415);
  });

  it('publishes a sheet of many products at once', async () => {
    const many: string[] = [];
    for (let n = 300; n < 340; n += 1) {
      await createProduct(n);
      many.push(`${testCusip(n)},5.${String(n).slice(1)},0.25,2031-05-01`);
    }
    const response = await postCsv(csv('cusip,base_rate,bonus_rate,effective_date', ...many), false);
    expect(response.status, response.body).toBe(200);
    expect((response.json as { changes: Change[] }).changes).toHaveLength(40);
    const open = await api.owner
      .selectFrom('rateHistory')
      .innerJoin('products', 'products.productId', 'rateHistory.productId')
      .select(['products.cusip', 'rateHistory.baseRate'])
      .where('rateHistory.effectiveDate', '=', '2031-05-01')
      .where('products.cusip', '=', testCusip(317))
      .executeTakeFirstOrThrow();
    expect(open.baseRate).toBe('5.1700');
  });
});
