import { describe, expect, it } from 'vitest';
import { BenchOptionsError, checkDatabaseUrl, parseBenchCommand, parseBenchOptions, USAGE } from '../../../bench/options.js';

describe('bench --database-url', () => {
  it('takes a postgres:// or postgresql:// URL and keeps it as given', () => {
    const url = 'postgres://postgres@127.0.0.1:54330/postgres';
    expect(parseBenchOptions(['--size', 'small', '--database-url', url], '/r.json')).toMatchObject({ size: 'small', databaseUrl: url });
    const other = 'postgresql://admin:s3cret@db.example.com/postgres?sslmode=require';
    expect(parseBenchOptions(['--database-url', other], '/r.json').databaseUrl).toBe(other);
  });

  it('defaults to the embedded PostgreSQL', () => {
    expect(parseBenchOptions(['--size', 'small'], '/r.json').databaseUrl).toBeNull();
  });

  it('names the option when the value is missing or not a PostgreSQL URL', () => {
    const cases: [string[], RegExp][] = [
      [['--database-url'], /--database-url must be a postgres:\/\/ or postgresql:\/\/ URL of a superuser, got \(nothing\)/],
      [['--database-url', '--size', 'small'], /--database-url .* got \(nothing\)/],
      [['--database-url', 'not a url'], /--database-url .* got something that is not a URL/],
      [['--database-url', 'mysql://root:pw@localhost/db'], /--database-url .* got a mysql:\/\/ URL/],
      [['--database-url', 'postgres:///postgres'], /--database-url .* got a URL without a host/],
    ];
    for (const [argv, message] of cases) {
      expect(() => parseBenchOptions(argv, '/r.json')).toThrow(BenchOptionsError);
      expect(() => parseBenchOptions(argv, '/r.json')).toThrow(message);
    }
  });

  it('never repeats the value in its message, which may hold a password', () => {
    for (const value of ['mysql://root:hunter2@localhost/db', 'root:hunter2@localhost', 'hunter2', 'postgres://root:hunter2@/db']) {
      let message = '';
      try {
        checkDatabaseUrl(value);
      } catch (error) {
        message = error instanceof Error ? error.message : String(error);
      }
      expect(message).toMatch(/^--database-url must be/);
      expect(message).not.toContain('hunter2');
    }
  });

  it('is in the usage', () => {
    expect(USAGE).toContain('--database-url <superuser URL>');
    expect(USAGE).toContain('--compare <results.json> <other-results.json>');
  });
});

describe('bench --compare', () => {
  it('reads two results files and --markdown', () => {
    expect(parseBenchCommand(['--compare', 'a.json', 'b.json'], '/r.json')).toEqual({ kind: 'compare', options: { files: ['a.json', 'b.json'], markdown: false } });
    expect(parseBenchCommand(['--compare', 'a.json', 'b.json', '--markdown'], '/r.json')).toEqual({
      kind: 'compare',
      options: { files: ['a.json', 'b.json'], markdown: true },
    });
  });

  it('is a benchmark run without --compare first', () => {
    expect(parseBenchCommand(['--size', 'small'], '/r.json')).toMatchObject({ kind: 'run', options: { size: 'small', resultsFile: '/r.json' } });
  });

  it('refuses fewer than two files and benchmark options with it', () => {
    expect(() => parseBenchCommand(['--compare', 'a.json'], '/r.json')).toThrow(/--compare needs two results files/);
    expect(() => parseBenchCommand(['--compare', 'a.json', '--markdown'], '/r.json')).toThrow(/--compare needs two results files/);
    expect(() => parseBenchCommand(['--compare', 'a.json', 'b.json', '--size', 'small'], '/r.json')).toThrow(/--markdown only, got --size/);
    expect(() => parseBenchCommand(['--size', 'small', '--compare', 'a.json', 'b.json'], '/r.json')).toThrow(/--compare goes with --compare <file> <file> and no benchmark option/);
    expect(() => parseBenchCommand(['--markdown'], '/r.json')).toThrow(/--markdown goes with --compare/);
  });
});
