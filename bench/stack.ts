// Everything the benchmark measures against: the seeded PostgreSQL copy, the development identity
// provider (real tokens from the PKCE sign-in), and the API server (server/server.ts, unchanged) in a
// child process of its own so its memory is its own, with a rate limit high enough for load tests.
import { DEMO_USERS } from '../server/dev-idp/demo-directory.js';
import { startDevIdentityProvider, type RunningDevIdentityProvider } from '../server/dev-idp/provider.js';
import { getTokensByScriptedSignIn } from '../server/dev-idp/scripted-sign-in.js';
import { freePort } from '../server/db/embedded.js';
import { withServerNodeOptions } from '../server/node-options.js';
import { spawnTypeScript, stopChild, waitForHttp, type NodeChild } from './child-process.js';
import type { BenchOptions } from './options.js';
import { startSeededDatabase, type SeededDatabase } from './seeded-postgres.js';

export interface BenchStack {
  database: SeededDatabase;
  idp: RunningDevIdentityProvider;
  tokens: { rep: string; admin: string };
  /** env: what the API server was started with beyond the driver's own environment (the ceiling servers reuse it). */
  server: { baseUrl: string; pid: number; env: Record<string, string> };
  close(): Promise<void>;
}

async function tokenFor(issuer: string, email: string): Promise<string> {
  const user = DEMO_USERS.find((candidate) => candidate.email === email);
  if (!user) throw new Error(`no demo user ${email}`);
  return (await getTokensByScriptedSignIn({ issuer, username: user.email, password: user.password })).accessToken;
}

export async function startBenchStack(options: BenchOptions, log: (line: string) => void): Promise<BenchStack> {
  const cleanups: (() => Promise<unknown>)[] = [];
  const close = async (): Promise<void> => {
    for (const step of cleanups.reverse()) await step().catch(() => undefined);
  };
  try {
    const database = await startSeededDatabase({ size: options.size, useCache: options.useCache, databaseUrl: options.databaseUrl, log });
    cleanups.push(() => database.close());
    // Tokens are valid for an hour, which covers a full run.
    const idp = await startDevIdentityProvider({ port: 0 });
    cleanups.push(() => idp.close());
    const [rep, admin] = await Promise.all([tokenFor(idp.issuer, 'rep@ratedesk.test'), tokenFor(idp.issuer, 'admin@ratedesk.test')]);

    const port = await freePort();
    const env: Record<string, string> = {
      DATABASE_URL: database.appUrl,
      // The embedded cluster listens on loopback without TLS; for another server the URL's sslmode
      // (or DATABASE_SSL in the environment, or the host) decides, as for the server in production.
      ...(database.postgres.embedded ? { DATABASE_SSL: 'disable' } : {}),
      OKTA_ISSUER: idp.issuer,
      PORT: String(port),
      HOST: '127.0.0.1',
      // The limit protects against one person hammering the API; the load test is that on purpose.
      RATE_LIMIT_PER_MINUTE: '1000000',
      LOG_LEVEL: 'warn',
      // The V8 settings a deployment starts the server with; the ceiling servers get them too (same runtime, same flags).
      NODE_OPTIONS: withServerNodeOptions(process.env.NODE_OPTIONS),
    };
    const child: NodeChild = spawnTypeScript('server/server.ts', [], env);
    cleanups.push(() => stopChild(child));
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitForHttp(`${baseUrl}/readyz`, child);
    return { database, idp, tokens: { rep, admin }, server: { baseUrl, pid: child.pid, env }, close };
  } catch (error) {
    await close();
    throw error;
  }
}
