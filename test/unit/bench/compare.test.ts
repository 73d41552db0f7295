import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { comparisonRows, formatComparison, readResults, runNames, type LabelledResults } from '../../../bench/compare.js';
import { Better, databaseName, jitText, toFigure, type BenchResults, type DatabaseInfo, type FigureInput } from '../../../bench/report.js';
import { clientApplyRate } from '../../support/bench-figures.js';

const machine = { cpus: 2, cpuModel: 'Test CPU', memoryGb: 8, platform: 'linux', node: 'v20.0.0' };
const catalog = { products: 1000, availability: 1045, rates: 100_000, loadSeconds: 5 };

const embedded: DatabaseInfo = {
  name: 'embedded PostgreSQL 15.18',
  embedded: true,
  version: 'PostgreSQL 15.18 on x86_64-pc-linux-gnu, compiled by gcc 7.5.0, 64-bit',
  server: null,
  jit: 'off',
  jitAvailable: false,
};
const debian: DatabaseInfo = {
  name: 'PostgreSQL 15.18 (Debian 15.18-0+deb12u1)',
  embedded: false,
  version: 'PostgreSQL 15.18 (Debian 15.18-0+deb12u1) on x86_64-pc-linux-gnu, compiled by gcc 12.2.0, 64-bit',
  server: '127.0.0.1:54330',
  jit: 'on',
  jitAvailable: true,
};

const apply = clientApplyRate(80_000);
const p50: FigureInput = { section: '2 delta pull', name: 'p50 round trip', value: 1.5, unit: 'ms', better: Better.lower, ceiling: { value: 0.3, what: 'bare route' } };

function results(database: DatabaseInfo, figures: FigureInput[], size = 'small'): BenchResults {
  return { date: '2026-12-03T10:00:00.000Z', size, machine, database, catalog, figures: figures.map(toFigure) };
}

describe('the database a run measured', () => {
  it('is named by its build, the embedded one as such', () => {
    expect(databaseName(debian.version, false)).toBe('PostgreSQL 15.18 (Debian 15.18-0+deb12u1)');
    expect(databaseName(embedded.version, true)).toBe('embedded PostgreSQL 15.18');
    expect(databaseName('', false)).toBe('PostgreSQL');
  });

  it('says whether JIT is on and whether the build has it', () => {
    expect(jitText(debian)).toBe('jit on (build has JIT)');
    expect(jitText(embedded)).toBe('jit off (build has no JIT)');
  });
});

describe('two runs side by side', () => {
  const first: LabelledResults = { file: 'bench/results.json', results: results(embedded, [apply, p50]) };
  const second: LabelledResults = {
    file: '/tmp/bench-debian.json',
    results: results(debian, [{ ...apply, value: 40_000, ceiling: { value: 100_000, what: 'prepared inserts' } }, { ...p50, value: 3, ceiling: { value: 0.25, what: 'bare route' } }]),
  };

  it('names the databases in the column headers and gives each value, its ratio and second over first', () => {
    const { header, rows } = comparisonRows(first.results, second.results, runNames(first, second));
    expect(header).toEqual(['figure', 'target', 'embedded PostgreSQL 15.18', 'ratio', 'PostgreSQL 15.18 (Debian 15.18-0+deb12u1)', 'ratio', 'second / first']);
    expect(rows).toEqual([
      ['1 first sync: client apply rate', 'ratio >= 0.5', '80,000 rows/s PASS', '0.8x', '40,000 rows/s MISS', '0.4x', '0.5x'],
      ['2 delta pull: p50 round trip', '', '1.5 ms', '5x', '3 ms', '12x', '2x'],
    ]);
  });

  it('prints a plain table under a legend of both runs', () => {
    const text = formatComparison(first, second);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^first: embedded PostgreSQL 15\.18, jit off \(build has no JIT\) \(bench\/results\.json, 2026-12-03T10:00:00\.000Z\); small catalog: 1,000 products, 100,000 rate rows/);
    expect(lines[1]).toMatch(/^second: PostgreSQL 15\.18 \(Debian 15\.18-0\+deb12u1\) at 127\.0\.0\.1:54330, jit on \(build has JIT\)/);
    const header = lines.find((line) => line.startsWith('figure'));
    expect(header).toMatch(/^figure\s+target\s+embedded PostgreSQL 15\.18\s+ratio\s+PostgreSQL 15\.18 \(Debian 15\.18-0\+deb12u1\)\s+ratio\s+second \/ first$/);
    expect(text).toMatch(/1 first sync: client apply rate\s+ratio >= 0\.5\s+80,000 rows\/s PASS\s+0\.8x\s+40,000 rows\/s MISS\s+0\.4x\s+0\.5x/);
    expect(text).not.toMatch(/Different catalog sizes/);
  });

  it('prints Markdown for the docs', () => {
    const text = formatComparison(first, second, { markdown: true });
    expect(text).toContain('| figure | target | embedded PostgreSQL 15.18 | ratio | PostgreSQL 15.18 (Debian 15.18-0+deb12u1) | ratio | second / first |');
    expect(text).toContain('| --- | --- | --- | --- | --- | --- | --- |');
    expect(text).toContain('| 2 delta pull: p50 round trip |  | 1.5 ms | 5x | 3 ms | 12x | 2x |');
  });

  it('keeps a figure only one run has, and tells two runs of the same build apart by file', () => {
    const again: LabelledResults = { file: '/tmp/again.json', results: results(embedded, [p50]) };
    const names = runNames(first, again);
    expect(names).toEqual(['embedded PostgreSQL 15.18 (results.json)', 'embedded PostgreSQL 15.18 (again.json)']);
    const { rows } = comparisonRows(first.results, again.results, names);
    expect(rows[0]).toEqual(['1 first sync: client apply rate', 'ratio >= 0.5', '80,000 rows/s PASS', '0.8x', 'not measured', 'n/a', 'n/a']);
    expect(rows[1]?.[6]).toBe('1x');
  });

  it('warns when the catalog sizes differ', () => {
    const full: LabelledResults = { file: 'full.json', results: results(debian, [apply], 'bench') };
    expect(formatComparison(first, full)).toMatch(/Different catalog sizes \(small and bench\): the values are not comparable/);
  });
});

describe('reading results files', () => {
  it('reads a file written before the database was recorded as the embedded PostgreSQL, and refuses other JSON', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'bench-compare-'));
    try {
      const { database: _database, ...old } = results(embedded, [apply]);
      await writeFile(path.join(folder, 'old.json'), JSON.stringify(old));
      const read = await readResults(path.join(folder, 'old.json'));
      expect(read.results.database).toMatchObject({ name: 'embedded PostgreSQL (version not recorded)', embedded: true });
      expect(read.results.figures).toHaveLength(1);
      expect(formatComparison(read, read)).toMatch(/^first: embedded PostgreSQL \(version not recorded\), jit not recorded \(/);

      await writeFile(path.join(folder, 'other.json'), JSON.stringify({ hello: 'world' }));
      await expect(readResults(path.join(folder, 'other.json'))).rejects.toThrow(/is not a results file of npm run bench/);
      await expect(readResults(path.join(folder, 'missing.json'))).rejects.toThrow(/cannot read .*missing\.json/);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
