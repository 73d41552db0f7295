// A printed illustration's bytes must be reproducible, so compliance can regenerate a record's PDF
// and match the SHA-256 the rep's laptop recorded: the time stamps Chromium writes are fixed to the
// record's prepared date, without moving a byte (the cross-reference table holds byte offsets).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { normalisePdf, pdfPageCount, sha256Hex } from '../../../../src-main/print/pdf-bytes.js';

/** A small PDF shaped as Chromium (Skia) writes one: pages, an info dictionary with dates, an xref with offsets. */
function skiaLikePdf(stamp: string, zone = "+00'00'", pages = 3, id: string | null = null): Buffer {
  const objects: string[] = [];
  objects.push('<</Type /Catalog /Pages 2 0 R>>');
  const kids = Array.from({ length: pages }, (_unused, index) => `${index + 3} 0 R`).join(' ');
  objects.push(`<</Type /Pages /Count ${pages} /Kids [${kids}]>>`);
  for (let index = 0; index < pages; index += 1) objects.push('<</Type /Page\n/Parent 2 0 R /MediaBox [0 0 612 792]>>');
  objects.push(`<</Creator (HeadlessChrome/156) /Producer (Skia/PDF m156)\n/CreationDate (D:${stamp}${zone})\n/ModDate (D:${stamp}${zone})>>`);
  let body = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<</Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R${id === null ? '' : ` /ID [<${id}> <${id}>]`}>>\nstartxref\n${xref}\n%%EOF`;
  return Buffer.from(body, 'latin1');
}

describe('normalisePdf', () => {
  it('gives the same bytes for the same page printed at different moments and in different time zones', () => {
    const morning = normalisePdf(skiaLikePdf('20261203091502'), '2026-12-03');
    const nextWeekInTokyo = normalisePdf(skiaLikePdf('20261210235959', "+09'00'"), '2026-12-03');
    const newYork = normalisePdf(skiaLikePdf('20261203120000', "-05'00'"), '2026-12-03');
    expect(nextWeekInTokyo.equals(morning)).toBe(true);
    expect(newYork.equals(morning)).toBe(true);
    expect(sha256Hex(morning)).toBe(sha256Hex(nextWeekInTokyo));
  });

  it('writes the prepared date into the document dates and keeps every byte offset', () => {
    const original = skiaLikePdf('20261205174233');
    const fixed = normalisePdf(original, '2026-12-03');
    expect(fixed.length).toBe(original.length);
    const text = fixed.toString('latin1');
    expect(text).toContain("/CreationDate (D:20261203000000+00'00')");
    expect(text).toContain("/ModDate (D:20261203000000+00'00')");
    // Everything but the dates is untouched, so the xref still points at each object.
    const differing = [...original].filter((byte, index) => byte !== fixed[index]).length;
    expect(differing).toBeGreaterThan(0);
    expect(differing).toBeLessThanOrEqual(2 * 14);
    const xref = Number(/startxref\n(\d+)/.exec(text)?.[1]);
    expect(text.slice(xref, xref + 4)).toBe('xref');
  });

  it('gives different bytes for records prepared on different days', () => {
    expect(normalisePdf(skiaLikePdf('20261203091502'), '2026-12-03').equals(normalisePdf(skiaLikePdf('20261203091502'), '2026-12-04'))).toBe(false);
  });

  it('replaces a time-derived document id with one of the same length derived from the date', () => {
    const a = normalisePdf(skiaLikePdf('20261203091502', "+00'00'", 1, 'A1B2C3D4E5F60718293A4B5C6D7E8F90'), '2026-12-03');
    const b = normalisePdf(skiaLikePdf('20261203101010', "+00'00'", 1, '0F1E2D3C4B5A69788796A5B4C3D2E1F0'), '2026-12-03');
    expect(a.equals(b)).toBe(true);
    expect(/\/ID \[<([0-9A-F]{32})>/.exec(a.toString('latin1'))?.[1]).not.toBe('A1B2C3D4E5F60718293A4B5C6D7E8F90');
  });

  it('refuses a prepared date that is not a date', () => {
    expect(() => normalisePdf(skiaLikePdf('20261203091502'), '12/03/2026')).toThrow(/YYYY-MM-DD/);
  });
});

describe('pdfPageCount', () => {
  it('counts the page objects, not the page tree', () => {
    expect(pdfPageCount(skiaLikePdf('20261203091502', "+00'00'", 1))).toBe(1);
    expect(pdfPageCount(skiaLikePdf('20261203091502', "+00'00'", 7))).toBe(7);
  });
});

describe('sha256Hex', () => {
  it('is the lower-case hex SHA-256 of the bytes', () => {
    const bytes = skiaLikePdf('20261203091502');
    expect(sha256Hex(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(sha256Hex(bytes)).toMatch(/^[0-9a-f]{64}$/);
  });
});
