// `npm run bench -- --compare <results.json> <other-results.json> [--markdown]`: one table of two
// runs side by side (typically the embedded PostgreSQL and a server given with --database-url), each
// figure's value and ratio to its own run's ceiling, the databases named in the column headers, and
// the second value over the first.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { BenchOptionsError } from './options.js';
import { formatNumber, formatRatio, jitText, passText, plainTable, type BenchResults, type DatabaseInfo, type Figure } from './report.js';
import { ratio } from './statistics.js';

/** Results files written before the database was recorded ran on the embedded PostgreSQL. */
const UNRECORDED: DatabaseInfo = { name: 'embedded PostgreSQL (version not recorded)', embedded: true, version: '', server: null, jit: '?', jitAvailable: false };

export interface LabelledResults {
  /** Where it was read from, for the legend (and to tell two runs on the same build apart). */
  file: string;
  results: BenchResults;
}

function isResults(value: unknown): value is Omit<BenchResults, 'database'> & { database?: DatabaseInfo } {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<BenchResults>;
  return typeof candidate.date === 'string' && typeof candidate.size === 'string' && Array.isArray(candidate.figures) && typeof candidate.catalog === 'object';
}

export async function readResults(file: string): Promise<LabelledResults> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new BenchOptionsError(`--compare: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (!isResults(parsed)) throw new BenchOptionsError(`--compare: ${file} is not a results file of npm run bench`);
  return { file, results: { ...parsed, database: parsed.database ?? UNRECORDED } };
}

const figureKey = (figure: Pick<Figure, 'section' | 'name'>) => `${figure.section}: ${figure.name}`;

/** The column names of the two runs: the databases, with the file name when both are the same build. */
export function runNames(first: LabelledResults, second: LabelledResults): [string, string] {
  const a = first.results.database.name;
  const b = second.results.database.name;
  if (a !== b) return [a, b];
  return [`${a} (${path.basename(first.file)})`, `${b} (${path.basename(second.file)})`];
}

function valueCell(figure: Figure | undefined): string {
  if (!figure) return 'not measured';
  const verdict = passText(figure.pass);
  return `${formatNumber(figure.value)} ${figure.unit}${verdict ? ` ${verdict}` : ''}`;
}

/** Header and rows: every figure of either run, in the first run's order, then the second's extras. */
export function comparisonRows(first: BenchResults, second: BenchResults, names: [string, string]): { header: string[]; rows: string[][] } {
  const byKey = new Map(second.figures.map((figure) => [figureKey(figure), figure]));
  const keys = [...new Set([...first.figures.map(figureKey), ...second.figures.map(figureKey)])];
  const firstByKey = new Map(first.figures.map((figure) => [figureKey(figure), figure]));
  const rows = keys.map((key) => {
    const a = firstByKey.get(key);
    const b = byKey.get(key);
    const change = a && b && a.unit === b.unit && a.value !== null && b.value !== null ? ratio(b.value, a.value) : null;
    return [key, (a ?? b)?.target?.text ?? '', valueCell(a), formatRatio(a?.ratio ?? null), valueCell(b), formatRatio(b?.ratio ?? null), formatRatio(change)];
  });
  return { header: ['figure', 'target', names[0], 'ratio', names[1], 'ratio', 'second / first'], rows };
}

function describeRun(label: string, { file, results }: LabelledResults): string {
  const { database, machine, catalog } = results;
  const where = database.server ? ` at ${database.server}` : '';
  return (
    `${label}: ${database.name}${where}, ${database.version ? jitText(database) : 'jit not recorded'} (${file}, ${results.date}); ${results.size} catalog: ` +
    `${catalog.products.toLocaleString('en-US')} products, ${catalog.rates.toLocaleString('en-US')} rate rows; ` +
    `${machine.cpus} x ${machine.cpuModel}, Node ${machine.node}`
  );
}

export function formatComparison(first: LabelledResults, second: LabelledResults, options: { markdown?: boolean } = {}): string {
  const names = runNames(first, second);
  const { header, rows } = comparisonRows(first.results, second.results, names);
  const table = options.markdown
    ? [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n')
    : plainTable(header, rows);
  const lines = [describeRun('first', first), describeRun('second', second)];
  if (first.results.size !== second.results.size) lines.push(`Different catalog sizes (${first.results.size} and ${second.results.size}): the values are not comparable.`);
  lines.push(
    '',
    table,
    '',
    "ratio: the figure over its ceiling measured in that run (compare these across runs on a noisy machine); second / first: the second run's value over the first's.",
  );
  return lines.join('\n');
}
