// The real access-token verifier, counting the verifications it actually performs: how tests see
// that a cache or a budget spared the signature check.
import type { AccessTokenVerifier } from '../../server/auth/verify-access-token.js';

export function counted(verifier: AccessTokenVerifier): AccessTokenVerifier & { calls: number } {
  const wrapper = {
    calls: 0,
    verify(token: string | undefined) {
      wrapper.calls += 1;
      return verifier.verify(token);
    },
  };
  return wrapper;
}
