// `npm run dev:idp`: the development identity provider alone, on the port the local stack uses,
// for working on the server or the sign-in flow without the rest of the stack.
import { DEMO_USERS } from './demo-directory.js';
import { startDevIdentityProvider } from './provider.js';

export const DEFAULT_DEV_IDP_PORT = 8788;

const port = Number(process.env.DEV_IDP_PORT ?? DEFAULT_DEV_IDP_PORT);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`DEV_IDP_PORT must be a port number, got "${process.env.DEV_IDP_PORT}"`);
  process.exit(2);
}

try {
  const idp = await startDevIdentityProvider({ port });
  console.log(`Development identity provider: ${idp.issuer}`);
  console.log(`  OKTA_ISSUER=${idp.issuer} OKTA_AUDIENCE=${idp.audience}`);
  for (const user of DEMO_USERS) console.log(`  ${user.email} / ${user.password}  (${user.groups.join(', ')})`);
  const stop = () => void idp.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
