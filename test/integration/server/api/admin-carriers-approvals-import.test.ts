// The approvals CSV through the admin API: all lines or none, every bad line named with its line
// and column, a dry run that writes nothing, withdrawals by a line with the stored start date, the
// same file twice harmless, and one audit row per change plus the IMPORT summary.
import { describe, expect, it } from 'vitest';
import { auditRowsOf, databaseDigest, productBody, testCusip, useApiHarness, type ApiHarness } from '../../../support/api.js';
import type { StateApprovalImportResult } from '../../../../src-shared/admin/carriers-and-approvals.js';

let api: ApiHarness;
useApiHarness((started) => {
  api = started;
});

const HEADER = 'cusip,state,approved_from,approved_until';
const importCsv = (csv: string, dryRun = false) =>
  api.call(api.tokens.admin, 'POST', `/v1/admin/state-approval-sheets?dryRun=${dryRun}`, csv, { 'content-type': 'text/csv' });

async function newProduct(n: number): Promise<string> {
  const response = await api.call(api.tokens.admin, 'POST', '/v1/admin/products', productBody({ cusip: testCusip(n) }));
  expect(response.status, response.body).toBe(201);
  return (response.json as { productId: string }).productId;
}

const approvalsOf = (productId: string) =>
  api.owner
    .selectFrom('productStateApprovals')
    .select(['stateCode', 'approvedFrom', 'approvedUntil', 'isActive'])
    .where('productId', '=', productId)
    .orderBy('stateCode')
    .orderBy('approvedFrom')
    .execute();

describe('approvals CSV', () => {
  it('applies every line in one go, audited line by line, and changes nothing when imported again', async () => {
    const a = await newProduct(1500);
    const b = await newProduct(1501);
    const csv = [HEADER, `${testCusip(1500)},NY,2026-01-01,`, `${testCusip(1500)},CA,2026-01-01,2026-06-30`, `${testCusip(1501)},TX,2026-02-01,`].join('\n');

    const preview = await importCsv(csv, true);
    expect(preview.status, preview.body).toBe(200);
    expect((preview.json as StateApprovalImportResult).changes.map((change) => change.kind)).toEqual(['create', 'create', 'create']);
    expect(await approvalsOf(a)).toEqual([]);

    const imported = await importCsv(csv);
    expect(imported.status, imported.body).toBe(200);
    const result = imported.json as StateApprovalImportResult;
    expect(result).toMatchObject({ committed: true, rowCount: 3 });
    expect(await approvalsOf(a)).toEqual([
      { stateCode: 'CA', approvedFrom: '2026-01-01', approvedUntil: '2026-06-30', isActive: true },
      { stateCode: 'NY', approvedFrom: '2026-01-01', approvedUntil: null, isActive: true },
    ]);
    expect(await approvalsOf(b)).toEqual([{ stateCode: 'TX', approvedFrom: '2026-02-01', approvedUntil: null, isActive: true }]);
    for (const change of result.changes) {
      expect(await auditRowsOf(api.owner, change.new.approvalId, 'CREATE')).toEqual([
        expect.objectContaining({ tableName: 'product_state_approvals', newValues: expect.objectContaining({ ref: change.ref }) as unknown }),
      ]);
    }
    const summaries = await api.owner.selectFrom('auditLog').select('newValues').where('actionType', '=', 'IMPORT').where('tableName', '=', 'product_state_approvals').execute();
    expect(summaries.map((row) => row.newValues)).toEqual([{ format: 'csv', rows: 3, created: 3, updated: 0, unchanged: 0 }]);

    const again = await importCsv(csv);
    expect((again.json as StateApprovalImportResult).changes.map((change) => change.kind)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(await approvalsOf(a)).toHaveLength(2);

    // A line with the stored start date withdraws (sets the last day approved); a later period follows it.
    const withdrawal = await importCsv([HEADER, `${testCusip(1500)},NY,2026-01-01,2026-09-30`, `${testCusip(1500)},NY,2026-10-01,`].join('\r\n'));
    expect(withdrawal.status, withdrawal.body).toBe(200);
    expect((withdrawal.json as StateApprovalImportResult).changes.map((change) => change.kind)).toEqual(['update', 'create']);
    expect((await approvalsOf(a)).filter((row) => row.stateCode === 'NY')).toEqual([
      { stateCode: 'NY', approvedFrom: '2026-01-01', approvedUntil: '2026-09-30', isActive: true },
      { stateCode: 'NY', approvedFrom: '2026-10-01', approvedUntil: null, isActive: true },
    ]);
  });

  it('refuses the whole sheet for one bad line, naming every bad line and column, and writes nothing', async () => {
    await newProduct(1510);
    const before = await databaseDigest(api.owner);
    const csv = [
      HEADER,
      `${testCusip(1510)},NY,2026-01-01,`,
      `${testCusip(1510)},XX,2026-01-01,`,
      `${testCusip(1510)},NJ,2026-05-01,2026-04-01`,
      `${testCusip(1599)},CT,2026-01-01,`,
      `${testCusip(1510)},NY,2026-03-01,`,
      `${testCusip(1510)},FL`,
    ].join('\n');
    const refused = await importCsv(csv);
    expect(refused.status, refused.body).toBe(400);
    const badRows = (refused.json as { badRows: Array<{ ref: string; errors: Array<{ path: string; message: string }> }> }).badRows;
    expect(badRows.map((row) => row.ref)).toEqual(['line 3', 'line 4', 'line 5', 'line 6', 'line 7']);
    const paths = badRows.flatMap((row) => row.errors.map((error) => error.path));
    expect(paths).toEqual(['line 3: state', 'line 4: approved_until', 'line 5: cusip', 'line 6: approved_from', 'line 7']);
    expect(badRows[3]?.errors[0]?.message).toContain('overlaps the NY approval on line 2');
    expect(await databaseDigest(api.owner)).toEqual(before);
  });

  it('refuses a sheet without its header, and echoes garbage only in part', async () => {
    const noHeader = await importCsv(`${testCusip(1510)},NY,2026-01-01,\n`);
    expect(noHeader.status).toBe(400);
    expect(noHeader.body).toContain('missing column(s)');
    const long = 'z'.repeat(5_000);
    const garbage = await importCsv(`${HEADER},${long}\n${testCusip(1510)},NY,2026-01-01,,x\n`);
    expect(garbage.status).toBe(400);
    expect(garbage.body.length).toBeLessThan(1_000);
  });
});
