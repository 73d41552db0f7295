// The admin console's crediting strategy and index history channels end to end: the desktop services
// as the web host composes them, signed in as the demo admin, against the real API server and
// PostgreSQL. Each channel reaches its route and comes back checked; the server's field errors
// arrive on the field; a sheet with a bad line is an answer listing it, and nothing is written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, businessDate } from '../../../../src-shared/dates.js';
import type { NodeDesktop } from '../../../../scripts/web-host/node-desktop.js';
import { testCusip } from '../../../support/api.js';
import { startClientSyncServer, tempFolder, type ClientSyncServer } from '../../../support/client-sync-harness.js';
import { mygaTerms } from '../../../support/catalog-fixtures.js';
import { desktopCall as call, desktopValue as value, openTestDesktop, signInThroughBrowser } from '../../../support/node-desktop-calls.js';

let server: ClientSyncServer;
let folder: ReturnType<typeof tempFolder>;
let admin: NodeDesktop;
const today = (): string => businessDate(new Date(), 'America/New_York');

beforeAll(async () => {
  server = await startClientSyncServer(5);
  folder = tempFolder('admin-strategies-');
  admin = await openTestDesktop(server, { dataDir: `${folder.path}/admin`, version: '7.3.1-test' });
  expect(await signInThroughBrowser(admin, 'admin')).toMatchObject({ ok: true });
}, 180_000);

afterAll(async () => {
  await admin?.close().catch(() => undefined);
  await server?.close();
  folder?.remove();
});

const strategy = { strategyCode: 'CAP', strategyName: 'Cap', indexName: 'Console Index', creditingMethod: 'cap' as const, guaranteedRate: '1.5', floorRate: '0', sortOrder: 0 };

describe('crediting strategies from the console', () => {
  it('are added, edited, given a dated rate and listed with it; a rate below the guarantee is refused on the rate', async () => {
    const product = await value(admin, 'adminCreateProduct', {
      cusip: testCusip(601),
      productName: 'Console FIA',
      productType: 'FIA',
      issuerName: 'Console Life',
      description: '',
      ...mygaTerms(),
      returnOfPremium: false,
      returnOfPremiumPercentage: null,
      termsAndConditions: null,
    });
    const added = await value(admin, 'adminAddStrategy', { productId: product.productId, strategy });
    const edited = await value(admin, 'adminReplaceStrategy', { strategyId: added.strategyId, strategy: { ...strategy, strategyName: 'Cap, annual' } });
    expect(edited).toMatchObject({ strategyName: 'Cap, annual', guaranteedRate: '1.5000' });

    const low = await call(admin, 'adminPublishStrategyRate', { strategyId: added.strategyId, rate: { rate: '1.25', effectiveDate: today() } });
    expect(low).toMatchObject({ ok: false, error: { code: 'invalid-request', issues: [{ path: 'rate', message: 'must be at least the guaranteed minimum cap (1.5000)' }] } });

    const future = addDays(today(), 5);
    const change = await value(admin, 'adminPublishStrategyRate', { strategyId: added.strategyId, rate: { rate: '8.5', effectiveDate: future } });
    expect(change).toMatchObject({ strategyCode: 'CAP', new: { rate: '8.5000', effectiveDate: future }, inForceToday: false });
    const listed = await value(admin, 'adminProductStrategies', { productId: product.productId });
    expect(listed.rates).toMatchObject([{ rate: '8.5000', effectiveDate: future, isActive: true }]);

    const retracted = await value(admin, 'adminRetractStrategyRate', { strategyRateId: change.strategyRateId ?? '', reason: 'typo' });
    expect(retracted.retracted.isActive).toBe(false);
    expect(await value(admin, 'adminDeactivateStrategy', { strategyId: added.strategyId, reason: 'closed' })).toMatchObject({ isActive: false });

    const sheet = await value(admin, 'adminImportStrategyRateSheet', { csv: `cusip,strategy_code,rate,effective_date\n${testCusip(601)},NOPE,5,${future}\n`, dryRun: false });
    expect(sheet).toEqual({ outcome: 'invalid', badRows: [{ line: 2, cusip: `${testCusip(601)} NOPE`, reasons: [`strategy_code: NOPE is not a strategy of ${testCusip(601)}`] }], message: expect.any(String) as string });
  });
});

describe('index history from the console', () => {
  it('publishes, lists, retracts and imports levels; a non-December date is refused on the field', async () => {
    const published = await value(admin, 'adminPublishIndexLevels', { levels: [{ indexName: 'Console Index', levelDate: '2030-12-31', level: '100', source: 'test' }] });
    const [level] = published.levels;
    expect(level).toMatchObject({ level: '100.0000', isActive: true });
    const june = await call(admin, 'adminPublishIndexLevels', { levels: [{ indexName: 'Console Index', levelDate: '2030-06-30', level: '100', source: 'test' }] });
    expect(june).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    if (june.ok) return;
    expect(june.error.issues?.[0]?.message).toBe('must be a year-end date (in December)');

    expect(await value(admin, 'adminRetractIndexLevel', { indexLevelId: level?.indexLevelId ?? '', reason: 'wrong figure' })).toMatchObject({ isActive: false });
    const preview = await value(admin, 'adminImportIndexLevelSheet', { csv: 'index_name,level_date,level,source\nConsole Index,2030-12-31,101,test\nConsole Index,2031-12-31,111,test\n', dryRun: true });
    expect(preview).toMatchObject({ outcome: 'preview', result: { rowCount: 2, committed: false } });
    expect(await value(admin, 'adminImportIndexLevelSheet', { csv: 'index_name,level_date,level,source\nConsole Index,2030-12-31,101,test\nConsole Index,2031-12-31,111,test\n', dryRun: false })).toMatchObject({ outcome: 'published' });
    expect((await value(admin, 'adminIndexLevels', { indexName: 'Console Index' })).levels.map((row) => [row.levelDate, row.level, row.isActive])).toEqual([
      ['2030-12-31', '100.0000', false],
      ['2030-12-31', '101.0000', true],
      ['2031-12-31', '111.0000', true],
    ]);
    expect((await value(admin, 'adminListIndexes')).indexes).toContainEqual({ indexName: 'Console Index', activeLevels: 2, firstLevelDate: '2030-12-31', lastLevelDate: '2031-12-31' });
  });
});
