// How values come back from PostgreSQL, per pool (pg's global parsers stay untouched, so another
// library in the process keeps its own expectations). Money and rates must never pass through a JS
// number, and a DATE must never become a JS Date: new Date('2026-01-01') is midnight UTC, which is
// still December 31 in America/New_York.
import pg from 'pg';

const OID = {
  int8: 20,
  date: 1082,
  timestamptz: 1184,
  numeric: 1700,
  int8Array: 1016,
  varcharArray: 1015,
  dateArray: 1182,
  timestamptzArray: 1185,
  numericArray: 1231,
} as const;

type TextParser = (value: string) => unknown;
// pg's typings list only some OIDs; the function itself accepts any.
const builtinParser = pg.types.getTypeParser as unknown as (oid: number, format?: 'text' | 'binary') => TextParser;

const identity = (value: string): string => value;
// varchar[]'s parser yields the raw text of every element (NULL as null), whatever the element type.
const parseTextArray = builtinParser(OID.varcharArray) as (value: string) => (string | null)[];

const TIMESTAMPTZ_TEXT =
  /^(\d{4,})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([+-])(\d{2})(?::?(\d{2}))?(?::?(\d{2}))?|Z)?$/;

/**
 * PostgreSQL's text form of a timestamptz ("2026-11-24 01:50:00.123456+00", in the session's time
 * zone) to ISO-8601 UTC with milliseconds, the form Date#toISOString and zod's z.iso.datetime() use.
 * 'infinity', '-infinity' and BC dates are returned unchanged.
 */
export function timestamptzToIso(text: string): string {
  const m = TIMESTAMPTZ_TEXT.exec(text);
  if (!m) return text;
  const [, y, mo, d, h, mi, s, frac, sign, oh, om, os] = m;
  const date = new Date(0);
  date.setUTCFullYear(Number(y), Number(mo) - 1, Number(d));
  date.setUTCHours(Number(h), Number(mi), Number(s), frac ? Number(frac.slice(0, 3).padEnd(3, '0')) : 0);
  const offsetSeconds = (Number(oh ?? 0) * 60 + Number(om ?? 0)) * 60 + Number(os ?? 0);
  return new Date(date.getTime() - (sign === '-' ? -1 : 1) * offsetSeconds * 1000).toISOString();
}

const parsers: Record<number, TextParser> = {
  [OID.int8]: identity,
  [OID.date]: identity,
  [OID.numeric]: identity,
  [OID.timestamptz]: timestamptzToIso,
  [OID.int8Array]: parseTextArray,
  [OID.dateArray]: parseTextArray,
  [OID.numericArray]: parseTextArray,
  [OID.timestamptzArray]: (value) => parseTextArray(value).map((v) => (v === null ? null : timestamptzToIso(v))),
};

/** Pass as `types` in a pg Pool or Client config. */
export const ratedeskTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    ((format ?? 'text') === 'text' ? parsers[oid] : undefined) ?? builtinParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};
