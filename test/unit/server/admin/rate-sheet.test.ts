// The rate sheet's CSV records (server/admin/rate-sheet.ts, read by csv-parse): the fields, and the
// line each record starts on, which is how an admin finds a bad row in the file they sent.
import { describe, expect, it } from 'vitest';
import { parseCsvRecords } from '../../../../server/admin/rate-sheet.js';

const issuesOf = (text: string): unknown => {
  try {
    parseCsvRecords(text);
  } catch (error) {
    return (error as { issues?: unknown }).issues;
  }
  throw new Error('expected a refusal');
};

describe('rate sheet CSV records', () => {
  it('reads quoted fields, "" escapes, a BOM and blank lines, with each record on its own line', () => {
    expect(parseCsvRecords('\uFEFFcusip,base_rate\r\n\r\n"037833100", "4.5"\r\n"a ""b""",2\n')).toEqual([
      { line: 1, fields: ['cusip', 'base_rate'] },
      { line: 3, fields: ['037833100', '4.5'] },
      { line: 4, fields: ['a "b"', '2'] },
    ]);
  });

  it('counts lines across LF, CRLF and CR line ends and line breaks inside quoted fields', () => {
    expect(parseCsvRecords('a\rb\r\nc\n"d\r\ne",f\r\n"g\nh\ni"\n  \nj').map((record) => record.line)).toEqual([1, 2, 3, 4, 6, 10]);
  });

  it('keeps rows with the wrong number of fields for the per-row check, and a stray quote as text', () => {
    expect(parseCsvRecords('a,b,c\n1,2\n4.5",x,y,z\n')).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', '2'] },
      { line: 3, fields: ['4.5"', 'x', 'y', 'z'] },
    ]);
  });

  it('names the line of a quoted field that is never closed', () => {
    expect(issuesOf('cusip,base_rate\n1,2\n\n"037833100,4.5\n2,3\n')).toEqual([{ path: 'line 4', message: 'has a quoted field that is never closed' }]);
  });

  it('names the line of text after a closing quote', () => {
    expect(issuesOf('cusip,base_rate\n"x\ny",2\n"4.5"0,1\n')).toEqual([
      { path: 'line 4', message: 'has text after the closing quote of a field; quote the whole field or none of it' },
    ]);
  });
});
