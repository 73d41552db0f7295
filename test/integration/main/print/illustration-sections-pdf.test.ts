// The client PDF of issue 13's illustration sections, printed with Debian's Chromium as the web host
// prints and read back with pdftotext as a reviewer would: an MVA MYGA's hypothetical rise and fall
// (labels and figures), and an FIA with two strategies (the three periods of one, the
// not-enough-history message of the other, each non-guaranteed with the index and its source).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chromiumPdfPrinterFor, findChromium } from '../../../../scripts/web-host/chromium-pdf-printer.js';
import { renderIllustration, type IllustrationRecord } from '../../../../src-main/print/render-illustration.js';
import { compareProducts, type ComparisonRequestInput } from '../../../../src-shared/comparison.js';
import { CAP_STRATEGY_ID, PARTICIPATION_STRATEGY_ID, fiaCandidate, fiaIndexLevels, mvaCandidate } from '../../../support/illustration-fixtures.js';
import { tempFilePerCall } from '../../../support/temp-files.js';

const chromium = findChromium(process.env);
if (chromium === null) console.warn('skipped: the illustration PDF test needs a Chromium (CHROMIUM_PATH)');
const pdfPath = tempFilePerCall('ratedesk-sections-pdf-', 'illustration.pdf');

/** The PDF's text in reading order (each run of white space one space), and its lines as laid out. */
async function pdfTextOf(input: ComparisonRequestInput): Promise<{ text: string; lines: string[] }> {
  const shown = compareProducts(input);
  const record: IllustrationRecord = {
    comparisonId: '7d4c5b6a-1234-4abc-8def-0123456789ab',
    createdAt: '2026-12-03T15:00:00.000Z',
    clientReference: 'Rivera household',
    shown,
    items: [],
    preparedOn: '2026-12-03',
    disclosures: null,
  } as unknown as IllustrationRecord;
  const printer = chromiumPdfPrinterFor({ CHROMIUM_PATH: chromium ?? '' }, pdfPath().replace(/illustration\.pdf$/, ''));
  if (printer === null) throw new Error('no printer');
  const rendered = await renderIllustration(record, { renderPdf: (html) => printer.renderPdf(html), historical: false });
  if (rendered === null) throw new Error('not printable');
  const file = pdfPath();
  writeFileSync(file, rendered.bytes);
  // Reading order, every run of white space one space: table cells wrap differently by width.
  const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  const lines = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\n').map((line) => line.replace(/\s+/g, ' ').trim());
  return { text, lines };
}

/** The laid-out line that starts with `label` (a table row). */
function rowOf(lines: readonly string[], label: string): string {
  const line = lines.find((candidate) => candidate.startsWith(label));
  if (line === undefined) throw new Error(`no line starting with ${label}`);
  return line;
}

const base = { premium: '100000', startDate: '2026-12-03', asOfDate: '2026-12-03' } as const;

describe.skipIf(chromium === null)('the illustration PDF', () => {
  it('shows an MVA MYGA surrendered in a hypothetical rise and fall of the reference rate', async () => {
    const { text, lines } = await pdfTextOf({ ...base, years: 5, products: [mvaCandidate()], mvaScenario: { year: 2, shiftPct: '1' } });
    expect(text).toContain('Market value adjustment: hypothetical scenarios');
    expect(text).toContain('Hypothetical: reference rate up 1.00 percentage point, to 5.00%');
    expect(text).toContain('Hypothetical: reference rate down 1.00 percentage point, to 3.00%');
    expect(rowOf(lines, 'Hypothetical surrender value')).toBe('Hypothetical surrender value $100,073.33 $105,717.53');
    expect(rowOf(lines, 'Market value adjustment factor')).toBe('Market value adjustment factor -0.042050 0.014563');
    expect(rowOf(lines, 'Market value adjustment on the excess')).toBe('Market value adjustment on the excess −$4,192.32 +$1,451.88');
    expect(rowOf(lines, 'Surrender charge on the excess')).toBe('Surrender charge on the excess −$5,981.85 −$5,981.85');
    expect(text).toContain('surrender at the end of year 2, 36 months before the end of the guarantee period');
    expect(text).toContain('The market value adjustment has no floor');
  }, 90_000);

  it('shows an FIA with two strategies: three non-guaranteed periods of one, and why not for the other', async () => {
    const { text } = await pdfTextOf({
      ...base,
      years: 7,
      products: [fiaCandidate()],
      indexLevels: fiaIndexLevels,
      strategyIds: [CAP_STRATEGY_ID, PARTICIPATION_STRATEGY_ID],
    });
    expect(text).toContain('Values from index history (not guaranteed)');
    expect(text).toContain('Annual point-to-point with a cap on Demo Index (synthetic), Cap 10.00% in force since Jan 1, 2026');
    expect(text).toMatch(/Most recent 10 years \(2016–2025\) \$179,943\.57 Not guaranteed/);
    expect(text).toMatch(/Best 10-year period of the last 20 \(2012–2021\) \$213,462\.47 Not guaranteed/);
    expect(text).toMatch(/Worst 10-year period of the last 20 \(2016–2025\) \$179,943\.57 Not guaranteed/);
    expect(text).toContain('Index source: Synthetic demo data.');
    expect(text).toContain('Annual point-to-point with participation on Young Index, Participation 50.00% in force since Jan 1, 2026');
    expect(text).toContain('Young Index has 5 calendar years of history; at least 10 are needed to illustrate it, so no historical values are shown. Index source: Young Index Co. year-end closes.');
    expect(text).not.toContain('Fixed account');
  }, 90_000);
});
