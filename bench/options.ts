// Command-line options of `npm run bench`.
export const BenchSize = { bench: 'bench', small: 'small' } as const;
export type BenchSize = (typeof BenchSize)[keyof typeof BenchSize];

export interface BenchOptions {
  size: BenchSize;
  useCache: boolean;
  /** Seconds per autocannon run: DEFAULT_DURATION_SECONDS of the size unless --duration says. */
  durationSeconds: number;
  connections: number;
  resultsFile: string;
  /**
   * Superuser URL of a PostgreSQL server to run against (a fresh database is created on it and
   * dropped at the end); null = the embedded PostgreSQL.
   */
  databaseUrl: string | null;
}

/**
 * Seconds per load run by size. The small size's six load runs at 10 s each were two thirds of its
 * two minutes; 3 s still gives thousands of requests a run, enough for the one-minute check it is.
 */
export const DEFAULT_DURATION_SECONDS: Record<BenchSize, number> = { bench: 10, small: 3 };

/** `npm run bench -- --compare a.json b.json [--markdown]`: one table of two results files. */
export interface CompareOptions {
  files: [string, string];
  markdown: boolean;
}

export type BenchCommand = { kind: 'run'; options: BenchOptions } | { kind: 'compare'; options: CompareOptions };

/** A wrong command line: reported as its message alone, with the usage. */
export class BenchOptionsError extends Error {
  override name = 'BenchOptionsError';
}

export const USAGE =
  'Usage: npm run bench [-- --size bench|small] [--no-cache] [--duration <seconds>] [--connections <n>] [--out <file>] [--database-url <superuser URL>]' +
  ' | npm run bench -- --compare <results.json> <other-results.json> [--markdown]';

/**
 * Checks a --database-url value without ever repeating it (it may hold a password): a postgres:// or
 * postgresql:// URL with a host.
 */
export function checkDatabaseUrl(value: string | undefined): string {
  const wrong = (what: string) => new BenchOptionsError(`--database-url must be a postgres:// or postgresql:// URL of a superuser, got ${what}. ${USAGE}`);
  if (value === undefined || value === '' || value.startsWith('--')) throw wrong('(nothing)');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw wrong('something that is not a URL');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') throw wrong(`a ${url.protocol}// URL`);
  if (url.hostname === '') throw wrong('a URL without a host');
  return value;
}

export function parseBenchOptions(argv: readonly string[], defaultResultsFile: string): BenchOptions {
  const options: BenchOptions = { size: BenchSize.bench, useCache: true, durationSeconds: 0, connections: 50, resultsFile: defaultResultsFile, databaseUrl: null };
  let durationSeconds: number | null = null;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const value = argv[i + 1];
    const wholeNumber = (name: string, min: number, max: number): number => {
      if (value === undefined || !/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
        throw new BenchOptionsError(`${name} must be a whole number from ${min} to ${max}, got ${value ?? '(nothing)'}. ${USAGE}`);
      }
      i += 1;
      return Number(value);
    };
    switch (arg) {
      case '--size':
        if (value !== BenchSize.bench && value !== BenchSize.small) throw new BenchOptionsError(`--size must be bench or small, got ${value ?? '(nothing)'}. ${USAGE}`);
        options.size = value;
        i += 1;
        break;
      case '--no-cache':
        options.useCache = false;
        break;
      case '--duration':
        durationSeconds = wholeNumber('--duration', 1, 600);
        break;
      case '--connections':
        options.connections = wholeNumber('--connections', 1, 1000);
        break;
      case '--out':
        if (value === undefined) throw new BenchOptionsError(`--out needs a file name. ${USAGE}`);
        options.resultsFile = value;
        i += 1;
        break;
      case '--database-url':
        options.databaseUrl = checkDatabaseUrl(value);
        i += 1;
        break;
      case '--compare':
      case '--markdown':
        throw new BenchOptionsError(`${arg} goes with --compare <file> <file> and no benchmark option. ${USAGE}`);
      default:
        throw new BenchOptionsError(`unknown option ${arg ?? ''}. ${USAGE}`);
    }
  }
  options.durationSeconds = durationSeconds ?? DEFAULT_DURATION_SECONDS[options.size];
  return options;
}

/** Either a benchmark run or a comparison of two results files (--compare comes first). */
export function parseBenchCommand(argv: readonly string[], defaultResultsFile: string): BenchCommand {
  if (argv[0] !== '--compare') return { kind: 'run', options: parseBenchOptions(argv, defaultResultsFile) };
  const [, first, second, ...rest] = argv;
  if (first === undefined || second === undefined || first.startsWith('--') || second.startsWith('--')) {
    throw new BenchOptionsError(`--compare needs two results files. ${USAGE}`);
  }
  let markdown = false;
  for (const arg of rest) {
    if (arg !== '--markdown') throw new BenchOptionsError(`--compare takes two results files and --markdown only, got ${arg}. ${USAGE}`);
    markdown = true;
  }
  return { kind: 'compare', options: { files: [first, second], markdown } };
}
