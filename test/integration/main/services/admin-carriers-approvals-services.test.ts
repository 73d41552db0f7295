// The admin console's carriers and state approvals through main's channels (issue 13), as the web
// host composes them, against the real API server, PostgreSQL and development identity provider:
// field refusals keep the server's words, a bad approvals CSV is an answer listing its lines, and a
// rep is refused with forbidden while the server writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeDesktop } from '../../../../scripts/web-host/node-desktop.js';
import { databaseDigest, productBody, testCusip, type DemoLogin } from '../../../support/api.js';
import { startClientSyncServer, tempFolder, type ClientSyncServer } from '../../../support/client-sync-harness.js';
import { desktopCall as call, desktopValue as value, openTestDesktop, signInThroughBrowser } from '../../../support/node-desktop-calls.js';

let server: ClientSyncServer;
let folder: ReturnType<typeof tempFolder>;
const desktops: NodeDesktop[] = [];
let admin: NodeDesktop;
let rep: NodeDesktop;

async function signedInDesktop(who: DemoLogin): Promise<NodeDesktop> {
  const desktop = await openTestDesktop(server, { dataDir: `${folder.path}/${who}`, version: '7.3.1-test' });
  desktops.push(desktop);
  expect(await signInThroughBrowser(desktop, who)).toMatchObject({ ok: true, value: { state: { status: 'signed-in' } } });
  return desktop;
}

beforeAll(async () => {
  server = await startClientSyncServer(20);
  folder = tempFolder('admin-carriers-');
  [admin, rep] = await Promise.all([signedInDesktop('admin'), signedInDesktop('rep')]);
  // Each desktop's first sync (its sign-in on the server) done, so the digests below see only the console's calls.
  await Promise.all([value(admin, 'syncNow'), value(rep, 'syncNow')]);
}, 180_000);

afterAll(async () => {
  for (const desktop of desktops) await desktop.close().catch(() => undefined);
  await server?.close();
  folder?.remove();
});

const RATED = { amBestRating: 'A', amBestOutlook: 'stable', ratingAsOf: '2026-06-30' } as const;

describe('carriers through the console channels', () => {
  it('adds, lists, replaces and retires a carrier, and names the bad field before anything is sent', async () => {
    const carrier = await value(admin, 'adminCreateCarrier', { carrierName: 'Console Mutual Life', naicCode: '65935', ...RATED });
    expect(carrier).toMatchObject({ naicCode: '65935', amBestRating: 'A', isActive: true });
    const replaced = await value(admin, 'adminReplaceCarrier', { carrierId: carrier.carrierId, carrier: { carrierName: 'Console Mutual Life', naicCode: '65935', ...RATED, amBestRating: 'A-', amBestOutlook: 'negative' } });
    expect(replaced).toMatchObject({ amBestRating: 'A-', amBestOutlook: 'negative' });
    expect(await value(admin, 'adminSetCarrierActive', { carrierId: carrier.carrierId, active: false, reason: 'Acquired' })).toMatchObject({ isActive: false });
    expect((await value(admin, 'adminListCarriers')).carriers).toContainEqual(expect.objectContaining({ carrierId: carrier.carrierId, isActive: false }));

    const before = await databaseDigest(server.api.owner);
    const bad = await call(admin, 'adminCreateCarrier', { carrierName: 'Console Mutual Life', naicCode: '6593', ...RATED, ratingAsOf: null });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    if (bad.ok) return;
    expect(bad.error.issues?.map((issue) => issue.path).sort()).toEqual(['naicCode', 'ratingAsOf']);
    const taken = await call(admin, 'adminCreateCarrier', { carrierName: 'Another Life', naicCode: '65935', ...RATED });
    expect(taken).toMatchObject({ ok: false, error: { code: 'conflict', issues: [{ path: 'naicCode' }] } });
    expect(await databaseDigest(server.api.owner)).toEqual(before);
  });

  it('refuses a rep with forbidden', async () => {
    expect(await call(rep, 'adminListCarriers')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call(rep, 'adminCreateCarrier', { carrierName: 'Rep Life', naicCode: '11111', ...RATED })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('state approvals through the console channels', () => {
  it('adds, withdraws and retires approvals, and answers a bad CSV with its lines', async () => {
    const product = await server.api.call(server.api.tokens.admin, 'POST', '/v1/admin/products', productBody({ cusip: testCusip(1700) }));
    const productId = (product.json as { productId: string }).productId;
    const ny = await value(admin, 'adminAddStateApproval', { productId, approval: { stateCode: 'NY', approvedFrom: '2026-01-01' } });
    expect(ny).toMatchObject({ stateCode: 'NY', approvedUntil: null });
    const overlap = await call(admin, 'adminAddStateApproval', { productId, approval: { stateCode: 'NY', approvedFrom: '2026-02-01' } });
    expect(overlap).toMatchObject({ ok: false, error: { code: 'invalid-request', issues: [{ path: 'approvedFrom', message: expect.stringContaining('overlaps the NY approval') as string }] } });
    expect(await value(admin, 'adminWithdrawStateApproval', { approvalId: ny.approvalId, approvedUntil: '2026-12-31', reason: 'Filing withdrawn' })).toMatchObject({ approvedUntil: '2026-12-31' });

    const csv = `cusip,state,approved_from,approved_until\n${testCusip(1700)},CA,2026-01-01,\n${testCusip(1700)},XX,2026-01-01,\n`;
    const refused = await value(admin, 'adminImportStateApprovals', { csv, dryRun: false });
    expect(refused).toMatchObject({ outcome: 'invalid', badRows: [{ line: 3, cusip: testCusip(1700), reasons: [expect.stringMatching(/^state: must be a two-letter USPS code/)] }] });
    const preview = await value(admin, 'adminImportStateApprovals', { csv: csv.replace(',XX,', ',TX,'), dryRun: true });
    expect(preview).toMatchObject({ outcome: 'preview', result: { committed: false, changes: [{ kind: 'create' }, { kind: 'create' }] } });
    expect(await value(admin, 'adminImportStateApprovals', { csv: csv.replace(',XX,', ',TX,'), dryRun: false })).toMatchObject({ outcome: 'published', result: { committed: true } });

    const listed = (await value(admin, 'adminListStateApprovals', { productId })).approvals;
    expect(listed.map((approval) => approval.stateCode).sort()).toEqual(['CA', 'NY', 'TX']);
    const tx = listed.find((approval) => approval.stateCode === 'TX');
    expect(await value(admin, 'adminRetireStateApproval', { approvalId: tx?.approvalId ?? '', reason: 'Wrong product' })).toMatchObject({ isActive: false });
    expect(await call(rep, 'adminListStateApprovals', { productId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
