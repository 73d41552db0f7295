import { describe, expect, it } from 'vitest';
import type { AuthState } from '../../../src-shared/desktop-api/index.js';
import { canSignOut, lastSignedInLine, pendingSignOutQuestion } from '../../../src-renderer/auth-view.js';

const user = { subject: '00u-demo-rep', name: 'Riley Rep', email: 'rep@ratedesk.test', groups: ['RateDesk-Reps'] };
const signedIn: AuthState = { status: 'signed-in', user, accessTokenExpiresAt: '2026-06-10T13:00:00Z', tokenPersistence: 'encrypted', offline: true };
const ended: AuthState = { status: 'needs-sign-in', reason: 'session-ended', message: 'Your session has ended.', user };

describe('sign-out', () => {
  it('is offered while signed in and also once the session has ended, for the rep it ended for', () => {
    expect(canSignOut(signedIn)).toBe(true);
    expect(canSignOut(ended)).toBe(true);
  });

  it('is not offered when nobody is signed in or known', () => {
    expect(canSignOut({ status: 'signed-out' })).toBe(false);
    expect(canSignOut({ status: 'needs-sign-in', reason: 'session-ended', message: 'Sign in.' })).toBe(false);
    expect(canSignOut(null)).toBe(false);
  });

  it('warns about pending uploads, and says they cannot go now when the session has ended', () => {
    expect(pendingSignOutQuestion(1, false)).toBe('1 comparison you saved has not been uploaded yet.');
    expect(pendingSignOutQuestion(3, true)).toBe('3 comparisons you saved have not been uploaded yet. Your session has ended, so they cannot be uploaded now.');
  });
});

describe('the sign-in screen', () => {
  it('says who signed in last when nobody is signed in: the name, else the email', () => {
    expect(lastSignedInLine({ status: 'signed-out', lastUser: { subject: '00u-demo-rep', name: 'Riley Rep', email: 'rep@ratedesk.test' } })).toBe(
      'Last signed in as Riley Rep',
    );
    expect(lastSignedInLine({ status: 'signed-out', lastUser: { subject: '00u-demo-rep2', name: ' ', email: 'rep2@ratedesk.test' } })).toBe(
      'Last signed in as rep2@ratedesk.test',
    );
    expect(lastSignedInLine({ status: 'signed-out', lastUser: { subject: '00u-demo-rep3' } })).toBe('Last signed in as 00u-demo-rep3');
  });

  it('says nothing when nobody is known, or someone is signed in or asked to sign in again', () => {
    expect(lastSignedInLine({ status: 'signed-out' })).toBeNull();
    expect(lastSignedInLine(signedIn)).toBeNull();
    expect(lastSignedInLine(ended)).toBeNull();
  });
});
