// CSV cells a compliance officer opens in a spreadsheet: quoted per RFC 4180, and a cell that a
// spreadsheet would run as a formula is made plain text (OWASP CSV injection).
import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from '../../../../server/compliance/csv-export.js';

describe('CSV cells', () => {
  it('neutralises cells that begin with = + - @ tab or carriage return', () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvCell('+1 555')).toBe(`"'+1 555"`);
    expect(csvCell('-2+3')).toBe(`"'-2+3"`);
    expect(csvCell('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
    expect(csvCell('\t=1')).toBe(`"'\t=1"`);
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
  });

  it('leaves ordinary text, amounts and empty cells as they are, quoted', () => {
    expect(csvCell('Margaret Smith, Jr.')).toBe('"Margaret Smith, Jr."');
    expect(csvCell('100000.00')).toBe('"100000.00"');
    expect(csvCell('a=b')).toBe('"a=b"');
    expect(csvCell(null)).toBe('""');
    expect(csvCell(true)).toBe('"true"');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });

  it('ends each line with CRLF', () => {
    expect(csvLine(['a', null, 5])).toBe('"a","","5"\r\n');
  });
});
