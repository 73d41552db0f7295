// The people and applications the development identity provider knows. Development only: the
// passwords are public (README), and the subjects are fixed so local data survives restarts.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { ClientMetadata } from 'oidc-provider';

export interface DemoUser {
  /** Stable Okta-style user id (the `uid` of access tokens, the `sub` of ID tokens). */
  subject: string;
  /** Also the login, as in most Okta orgs. */
  email: string;
  password: string;
  givenName: string;
  familyName: string;
  groups: string[];
}

export const DEMO_USERS: readonly DemoUser[] = [
  {
    subject: '00u-demo-rep',
    email: 'rep@ratedesk.test',
    password: 'rep-password',
    givenName: 'Riley',
    familyName: 'Rep',
    groups: ['RateDesk-Reps'],
  },
  // Two more reps in no other group, so per-rep behaviour (whose comparisons, which laptop) can be
  // shown and tested without borrowing the admin, who is also a rep.
  {
    subject: '00u-demo-rep2',
    email: 'rep2@ratedesk.test',
    password: 'rep2-password',
    givenName: 'Jordan',
    familyName: 'Reyes',
    groups: ['RateDesk-Reps'],
  },
  {
    subject: '00u-demo-rep3',
    email: 'rep3@ratedesk.test',
    password: 'rep3-password',
    givenName: 'Morgan',
    familyName: 'Lee',
    groups: ['RateDesk-Reps'],
  },
  {
    subject: '00u-demo-admin',
    email: 'admin@ratedesk.test',
    password: 'admin-password',
    givenName: 'Avery',
    familyName: 'Admin',
    groups: ['RateDesk-Admins', 'RateDesk-Reps'],
  },
  {
    subject: '00u-demo-compliance',
    email: 'compliance@ratedesk.test',
    password: 'compliance-password',
    givenName: 'Casey',
    familyName: 'Compliance',
    groups: ['RateDesk-Compliance'],
  },
];

/** The API's audience (Okta: the authorization server's audience setting). */
export const DEV_API_AUDIENCE = 'api://ratedesk';

// Native public clients (RFC 8252): no secret, PKCE, loopback redirect on whatever port the app
// opened (the provider ignores the port of http://127.0.0.1 redirect URIs for native clients).
export const DEMO_CLIENTS: readonly ClientMetadata[] = [
  {
    client_id: 'ratedesk-desktop',
    client_name: 'RateDesk desktop',
    application_type: 'native',
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: ['http://127.0.0.1/callback', 'com.example.ratedesk:/callback'],
    post_logout_redirect_uris: ['http://127.0.0.1/logout', 'com.example.ratedesk:/logout'],
  },
  {
    client_id: 'ratedesk-cli',
    client_name: 'RateDesk developer token command',
    application_type: 'native',
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: ['http://127.0.0.1/callback'],
    post_logout_redirect_uris: ['http://127.0.0.1/logout'],
  },
];

export function displayName(user: DemoUser): string {
  return `${user.givenName} ${user.familyName}`;
}

export function findUserBySubject(users: readonly DemoUser[], subject: string): DemoUser | undefined {
  return users.find((user) => user.subject === subject);
}

/** The user when login and password match; logins are case-insensitive as in Okta. */
export function authenticate(users: readonly DemoUser[], login: string, password: string): DemoUser | undefined {
  const wanted = login.trim().toLowerCase();
  const user = users.find((candidate) => candidate.email.toLowerCase() === wanted);
  // Compared through digests so the comparison time does not depend on where the strings differ.
  const given = createHash('sha256').update(password).digest();
  const expected = createHash('sha256').update(user?.password ?? '\u0000no such user').digest();
  return timingSafeEqual(given, expected) && user ? user : undefined;
}
