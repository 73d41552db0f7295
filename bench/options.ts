// Command-line options of `npm run bench`.
export const BenchSize = { bench: 'bench', small: 'small' } as const;
export type BenchSize = (typeof BenchSize)[keyof typeof BenchSize];

export interface BenchOptions {
  size: BenchSize;
  useCache: boolean;
  /** Seconds per autocannon run. */
  durationSeconds: number;
  connections: number;
  resultsFile: string;
}

/** A wrong command line: reported as its message alone, with the usage. */
export class BenchOptionsError extends Error {
  override name = 'BenchOptionsError';
}

export const USAGE = 'Usage: npm run bench [-- --size bench|small] [--no-cache] [--duration <seconds>] [--connections <n>] [--out <file>]';

export function parseBenchOptions(argv: readonly string[], defaultResultsFile: string): BenchOptions {
  const options: BenchOptions = { size: BenchSize.bench, useCache: true, durationSeconds: 10, connections: 50, resultsFile: defaultResultsFile };
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
        options.durationSeconds = wholeNumber('--duration', 1, 600);
        break;
      case '--connections':
        options.connections = wholeNumber('--connections', 1, 1000);
        break;
      case '--out':
        if (value === undefined) throw new BenchOptionsError(`--out needs a file name. ${USAGE}`);
        options.resultsFile = value;
        i += 1;
        break;
      default:
        throw new BenchOptionsError(`unknown option ${arg ?? ''}. ${USAGE}`);
    }
  }
  return options;
}
