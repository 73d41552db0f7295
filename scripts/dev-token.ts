// `npm run -s dev:token -- rep|rep2|rep3|admin|compliance` prints an access token for a demo user and
// nothing else on stdout, so `TOKEN=$(npm run -s dev:token -- rep)` then
// `curl -H "Authorization: Bearer $TOKEN" ...` works. The token comes from the real authorization
// code + PKCE flow against the development identity provider, with the sign-in form filled in.
import { DEMO_USERS } from '../server/dev-idp/demo-directory.js';
import { assertDevIdentityProviderAllowed } from '../server/dev-idp/production-guard.js';
import { getTokensByScriptedSignIn, ScriptedSignInError } from '../server/dev-idp/scripted-sign-in.js';

const DEFAULT_ISSUER = 'http://127.0.0.1:8788/oauth2/default';
const LOGINS = {
  rep: 'rep@ratedesk.test',
  rep2: 'rep2@ratedesk.test',
  rep3: 'rep3@ratedesk.test',
  admin: 'admin@ratedesk.test',
  compliance: 'compliance@ratedesk.test',
} as const;

function fail(message: string, exitCode = 1): never {
  console.error(message);
  process.exit(exitCode);
}

function isDemoRole(value: string | undefined): value is keyof typeof LOGINS {
  return value !== undefined && Object.hasOwn(LOGINS, value);
}

const which = process.argv[2];
if (!isDemoRole(which)) {
  fail(`Usage: npm run -s dev:token -- ${Object.keys(LOGINS).join('|')}`, 2);
}
const user = DEMO_USERS.find((candidate) => candidate.email === LOGINS[which]);
if (!user) fail(`No demo user for "${which}"`);

try {
  assertDevIdentityProviderAllowed(process.env);
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

const issuer = process.env.OKTA_ISSUER?.trim() || DEFAULT_ISSUER;
try {
  const tokens = await getTokensByScriptedSignIn({ issuer, username: user.email, password: user.password });
  process.stdout.write(`${tokens.accessToken}\n`);
} catch (error) {
  if (error instanceof ScriptedSignInError && error.code === 'unreachable') {
    fail(
      `No identity provider answers at ${issuer}.\n` +
        'Start the local stack (npm start) or the identity provider alone (npm run dev:idp), or set OKTA_ISSUER.',
    );
  }
  fail(`Could not get a token for ${user.email}: ${error instanceof Error ? error.message : String(error)}`);
}
