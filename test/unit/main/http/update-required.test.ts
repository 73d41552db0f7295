// A 426 from the server as each part of the desktop meets it: the request turns it into an
// UpdateRequiredError with the server's minimum; the sync status says "update required"; the admin
// and compliance consoles get a clear error of their own, not "the server refused the request".
import { describe, expect, it } from 'vitest';
import { adminCallError } from '../../../../src-main/admin/admin-call-errors.js';
import { createAuthorizedRequest } from '../../../../src-main/http/authorized-request.js';
import { classifyFailure } from '../../../../src-main/http/classify-failure.js';
import { UPDATE_REQUIRED_TEXT } from '../../../../src-main/http/failure-wording.js';
import { UpdateRequiredError } from '../../../../src-main/http/server-errors.js';
import { DesktopCallError } from '../../../../src-main/ipc/desktop-call-error.js';
import { stoppedBy } from '../../../../src-main/sync/run-status.js';

const problem = {
  type: 'https://ratedesk.example/problems/protocol-unsupported',
  title: 'This version of RateDesk is no longer supported',
  status: 426,
  detail: 'The app speaks sync protocol 2; this server requires protocol 3 or later. Update RateDesk to continue syncing.',
  minimumProtocolVersion: 3,
};

function requestAnswering(status: number, body: unknown) {
  return createAuthorizedRequest({
    baseUrl: 'https://api.ratedesk.example',
    getAccessToken: async () => 'token',
    reportRejectedToken: () => undefined,
    fetch: async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/problem+json' } }),
  });
}

describe('a 426 answer', () => {
  it('is an UpdateRequiredError naming the server\'s minimum protocol', async () => {
    const error = await requestAnswering(426, problem)('/v1/sync/pull', { method: 'GET' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UpdateRequiredError);
    expect(error).toMatchObject({ minimumProtocolVersion: 3, message: `GET /v1/sync/pull: ${problem.detail}` });
    const bare = await requestAnswering(426, { detail: 'old' })('/v1/me', { method: 'GET' }).catch((caught: unknown) => caught);
    expect(bare).toMatchObject({ name: 'UpdateRequiredError', minimumProtocolVersion: undefined });
  });

  it('stops a sync in "update-required" with the minimum and words for the rep', () => {
    const error = new UpdateRequiredError('POST /v1/sync/push: too old', 3);
    expect(classifyFailure(error)).toMatchObject({ kind: 'update-required', minimumProtocolVersion: 3 });
    expect(stoppedBy(error)).toEqual({ state: 'update-required', reason: UPDATE_REQUIRED_TEXT, detail: 'POST /v1/sync/push: too old', minimumProtocolVersion: 3 });
  });

  it('is a clear "update required" error in the admin and compliance consoles', () => {
    for (const kind of ['publish', 'audit'] as const) {
      const mapped = adminCallError(new UpdateRequiredError('GET /v1/audit: too old', 3), kind);
      expect(mapped).toBeInstanceOf(DesktopCallError);
      expect(mapped).toMatchObject({ code: 'update-required', message: expect.stringMatching(/^Update required: .*nothing was changed\.$/) });
    }
  });
});
