// What makes a printed illustration checkable: the same HTML must give the same PDF bytes, so the
// SHA-256 recorded when a rep printed it can be matched by regenerating it later (the compliance
// console). Chromium's PDF writer (Skia) stamps the moment of printing into /CreationDate and
// /ModDate (and other writers an /ID and XMP dates); everything else follows from the HTML and the
// Chromium build. The stamps are rewritten in place to values derived from the record's prepared
// date, byte for byte the same length, so the cross-reference offsets stay valid.
import { createHash } from 'node:crypto';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function stampDigits(preparedOn: string): string {
  const match = ISO_DATE.exec(preparedOn);
  if (match === null) throw new RangeError(`preparedOn must be a 'YYYY-MM-DD' date, not ${JSON.stringify(preparedOn)}`);
  return `${match[1]}${match[2]}${match[3]}`;
}

/** The same text, same length: digits to 0 and signs to '+', so "-05'00'" and "+09'00'" both read "+00'00'". */
function zeroed(text: string): string {
  return text.replace(/\d/g, '0').replace(/-/g, '+');
}

/**
 * The PDF with its time stamps (and document id) fixed: printing the same HTML on any day, in any
 * time zone, gives the same bytes. Lengths never change (a field too short for the fixed value
 * keeps its own length), so the file stays valid.
 */
export function normalisePdf(bytes: Uint8Array, preparedOn: string): Buffer {
  const day = stampDigits(preparedOn);
  // latin1 maps every byte to one character and back, so binary streams survive the round trip.
  let text = Buffer.from(bytes).toString('latin1');
  // /CreationDate (D:YYYYMMDDHHmmSS+HH'mm') in the document information dictionary.
  text = text.replace(/(\/(?:CreationDate|ModDate)\s*\(D:)(\d+)([^)]*)\)/g, (_all, head: string, digits: string, zone: string) => {
    const fixed = `${day}000000`.slice(0, digits.length).padEnd(digits.length, '0');
    return `${head}${fixed}${zeroed(zone)})`;
  });
  // XMP metadata (<xmp:CreateDate>2026-12-03T16:56:50+00:00</xmp:CreateDate> and the like).
  text = text.replace(/(<xmp:(?:CreateDate|ModifyDate|MetadataDate)>)([^<]*)(<\/xmp:)/g, (_all, open: string, value: string, close: string) => {
    const fixed = `${preparedOn}T00:00:00${zeroed(value.slice(19))}`;
    return `${open}${fixed.length === value.length ? fixed : value}${close}`;
  });
  // /ID [<hex><hex>]: derived from the time by most writers; replaced by one derived from the date.
  text = text.replace(/(\/ID\s*\[\s*<)([0-9A-Fa-f]+)(>\s*<)([0-9A-Fa-f]+)(>)/g, (_all, a: string, first: string, b: string, second: string, c: string) => {
    const id = createHash('sha256').update(`ratedesk-illustration:${preparedOn}`).digest('hex').toUpperCase().repeat(4);
    return `${a}${id.slice(0, first.length)}${b}${id.slice(0, second.length)}${c}`;
  });
  return Buffer.from(text, 'latin1');
}

/** Lower-case hex SHA-256 of the bytes (the contract's Sha256Hex). */
export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Pages in a PDF as Chromium writes it (PDF 1.4, no object streams): the /Type /Page objects, not
 * the /Type /Pages tree nodes.
 */
export function pdfPageCount(bytes: Uint8Array): number {
  const text = Buffer.from(bytes).toString('latin1');
  return (text.match(/\/Type\s*\/Page(?![A-Za-z])/g) ?? []).length;
}
