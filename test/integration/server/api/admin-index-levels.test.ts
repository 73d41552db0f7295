// Index history through the admin API: year-end levels published (one or many, all or none),
// listed, retracted and imported from CSV by admins only; one active level per index and date;
// every write audited.
import { describe, expect, it } from 'vitest';
import { auditRowsOf, useApiHarness, type ApiHarness } from '../../../support/api.js';

let api: ApiHarness;

useApiHarness((started) => {
  api = started;
}, { env: { RATE_SHEET_MAX_ROWS: '50' } });

interface Issue {
  path: string;
  message: string;
}
interface Level {
  indexLevelId: string;
  indexName: string;
  levelDate: string;
  level: string;
  isActive: boolean;
}
const issuesOf = (response: { json: unknown }): Issue[] => (response.json as { issues?: Issue[] }).issues ?? [];

const level = (indexName: string, levelDate: string, value: string) => ({ indexName, levelDate, level: value, source: 'Test vendor' });
const post = (levels: unknown[], token = api.tokens.admin) => api.call(token, 'POST', '/v1/admin/index-levels', { levels });
const levelsOf = async (indexName: string) => {
  const response = await api.call(api.tokens.admin, 'GET', `/v1/admin/index-levels?indexName=${encodeURIComponent(indexName)}`);
  expect(response.status, response.body).toBe(200);
  return (response.json as { levels: Level[] }).levels;
};
const sheet = (lines: string[], dryRun = false) =>
  api.call(api.tokens.admin, 'POST', `/v1/admin/index-level-sheets?dryRun=${dryRun}`, ['index_name,level_date,level,source', ...lines].join('\r\n'), { 'content-type': 'text/csv' });

describe('index levels', () => {
  it('are published together, listed, retracted and replaced, each audited', async () => {
    const published = await post([level('Alpha', '2029-12-31', '1000'), level('Alpha', '2030-12-31', '1100.5')]);
    expect(published.status, published.body).toBe(201);
    const [first, second] = (published.json as { levels: Level[] }).levels;
    expect(second).toMatchObject({ levelDate: '2030-12-31', level: '1100.5000', isActive: true });
    expect((await auditRowsOf(api.owner, second?.indexLevelId ?? '', 'PUBLISH'))[0]).toMatchObject({ tableName: 'index_levels', newValues: { level: '1100.5000', source: 'Test vendor' } });

    const clash = await post([level('Alpha', '2030-12-31', '1101')]);
    expect(clash.status).toBe(409);
    expect(issuesOf(clash)).toEqual([{ path: 'body.levels.0.levelDate', message: 'Alpha already has the active level 1100.5000 on 2030-12-31; retract it before publishing another' }]);

    const retracted = await api.call(api.tokens.admin, 'POST', `/v1/admin/index-levels/${second?.indexLevelId}/retract`, { reason: 'vendor correction' });
    expect(retracted.status, retracted.body).toBe(200);
    expect((await auditRowsOf(api.owner, second?.indexLevelId ?? '', 'RETRACT'))[0]?.newValues).toEqual({ isActive: false, reason: 'vendor correction' });
    expect((await post([level('Alpha', '2030-12-31', '1101')])).status).toBe(201);

    expect((await levelsOf('Alpha')).map((row) => [row.levelDate, row.level, row.isActive])).toEqual([
      ['2029-12-31', '1000.0000', true],
      ['2030-12-31', '1100.5000', false],
      ['2030-12-31', '1101.0000', true],
    ]);
    const indexes = await api.call(api.tokens.admin, 'GET', '/v1/admin/indexes');
    expect((indexes.json as { indexes: unknown[] }).indexes).toContainEqual({ indexName: 'Alpha', activeLevels: 2, firstLevelDate: '2029-12-31', lastLevelDate: '2030-12-31' });
    expect(first?.isActive).toBe(true);
  });

  it('are refused with the field named and nothing written when any level is bad', async () => {
    const cases: [Record<string, unknown>, Issue][] = [
      [level('Beta', '2030-06-30', '10'), { path: 'body.levels.1.levelDate', message: 'must be a year-end date (in December)' }],
      [level('Beta', '2030-12-31', '0'), { path: 'body.levels.1.level', message: expect.stringContaining('greater than 0') as string }],
      [level('Beta', '2030-12-31', '-5'), { path: 'body.levels.1.level', message: expect.stringContaining('greater than 0') as string }],
      [{ ...level('Beta', '2030-12-31', '10'), source: ' ' }, { path: 'body.levels.1.source', message: 'must not be blank' }],
    ];
    for (const [bad, issue] of cases) {
      const response = await post([level('Beta', '2029-12-31', '10'), bad]);
      expect(response.status, JSON.stringify(bad)).toBe(400);
      expect(issuesOf(response)).toContainEqual(issue);
    }
    const twice = await post([level('Beta', '2029-12-31', '10'), level('Beta', '2029-12-31', '11')]);
    expect(twice.status).toBe(409);
    expect(issuesOf(twice)[0]?.path).toBe('body.levels.1.levelDate');
    expect(await levelsOf('Beta')).toEqual([]);
  });

  it('are admin-only', async () => {
    expect((await post([level('Gamma', '2030-12-31', '10')], api.tokens.rep)).status).toBe(403);
    expect((await api.call(api.tokens.rep, 'GET', '/v1/admin/index-levels?indexName=Gamma')).status).toBe(403);
    expect((await api.call(api.tokens.rep, 'GET', '/v1/admin/indexes')).status).toBe(403);
    expect(await levelsOf('Gamma')).toEqual([]);
  });
});

describe('index history CSV', () => {
  it('with one bad line changes nothing and names the line', async () => {
    const refused = await sheet(['Delta,2028-12-29,500,Vendor', 'Delta,2029-11-30,510,Vendor', 'Delta,2030-12-31,520,Vendor', 'Delta,2030-12-31,521,Vendor']);
    expect(refused.status).toBe(400);
    const problem = refused.json as { badRows: { ref: string; errors: Issue[] }[] };
    expect(problem.badRows).toEqual([
      { ref: 'line 3', cusip: 'Delta', errors: [{ path: 'line 3: level_date', message: 'must be a year-end date (in December)' }] },
      { ref: 'line 5', cusip: 'Delta', errors: [{ path: 'line 5: level_date', message: '2030-12-31 of Delta appears again (first on line 4); one level per index and date' }] },
    ]);
    expect(await levelsOf('Delta')).toEqual([]);
  });

  it('previews with dryRun and publishes every line, audited as an import', async () => {
    const lines = ['Epsilon,2029-12-31,500,Vendor', 'Epsilon,2030-12-31,550.25,Vendor'];
    expect(await sheet(lines, true)).toMatchObject({ status: 200, json: { dryRun: true, committed: false, rowCount: 2, levels: [{ ref: 'line 2', indexLevelId: null }, { ref: 'line 3' }] } });
    expect(await levelsOf('Epsilon')).toEqual([]);
    expect(await sheet(lines)).toMatchObject({ status: 200, json: { committed: true } });
    expect((await levelsOf('Epsilon')).map((row) => row.level)).toEqual(['500.0000', '550.2500']);
    const imports = await api.owner.selectFrom('auditLog').select('newValues').where('actionType', '=', 'IMPORT').where('tableName', '=', 'index_levels').execute();
    expect(imports).toEqual([{ newValues: { format: 'csv', rows: 2, indexNames: ['Epsilon'] } }]);
    // Published again, the same lines clash with the active levels, each named.
    const again = await sheet(lines);
    expect((again.json as { badRows: { ref: string }[] }).badRows.map((row) => row.ref)).toEqual(['line 2', 'line 3']);
  });
});
