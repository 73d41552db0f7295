// Reading figures, dates and exported illustrations the way a reviewer does, robust to how the
// screens format them: a rate "4.17" may read "4.17%", "4.170%" or "4.1700%"; a business date
// "2026-11-30" may read "2026-11-30", "Nov 30, 2026", "November 30, 2026", "11/30/2026" or
// "30 Nov 2026". The PDF is read back with poppler (pdftotext, pdftoppm; apt poppler-utils).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A percent as published ("4.17" or "4.1700") in any of the decimals the screens print: "4.17%", "4.170%", "4.1700%" (never "14.17%" or "4.175%"). */
export function percentPattern(rate: string): string {
  const [whole = '0', fraction = ''] = rate.split('.');
  const significant = fraction.replace(/0+$/, '');
  const digits = significant === '' ? `(?:\\.0*)?` : `\\.${significant}0*`;
  return `(?<![\\d.])${whole}${digits}\\s?%`;
}

export function percentRegExp(rate: string): RegExp {
  return new RegExp(percentPattern(rate));
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

/** A business date (YYYY-MM-DD) in any of the formats the screens and the PDF use. */
export function datePattern(isoDate: string): string {
  const [year = '', month = '', day = ''] = isoDate.split('-');
  const monthName = MONTHS[Number(month) - 1] ?? '';
  const shortName = monthName.slice(0, 3);
  const d = String(Number(day));
  const m = String(Number(month));
  return [
    escapeRegExp(isoDate),
    `(?:${monthName}|${shortName}\\.?)\\s+0?${d},?\\s+${year}`,
    `0?${m}/0?${d}/${year}`,
    `0?${d}\\s+(?:${monthName}|${shortName}\\.?),?\\s+${year}`,
  ]
    .map((alternative) => `(?:${alternative})`)
    .join('|');
}

export function dateRegExp(isoDate: string): RegExp {
  return new RegExp(datePattern(isoDate));
}

/** The path the compare or saved screen's message names after "Illustration saved to …", checked to be a new file in the host's downloads folder. */
export async function exportedPdfPath(message: Locator, downloadsDir: string): Promise<string> {
  await expect(message).toContainText('Illustration saved to', { timeout: 90_000 });
  const filePath = /Illustration saved to (.+\.pdf)\.?\s*$/.exec((await message.textContent()) ?? '')?.[1];
  if (filePath === undefined) throw new Error(`the message names no PDF: ${await message.textContent()}`);
  expect(dirname(resolve(filePath))).toBe(resolve(downloadsDir));
  expect(existsSync(filePath)).toBe(true);
  return filePath;
}

/** The PDF's text laid out as on the page (pdftotext -layout), attached to the test. */
export async function pdfText(filePath: string, testInfo: TestInfo, name: string): Promise<string> {
  const layout = execFileSync('pdftotext', ['-layout', filePath, '-'], { encoding: 'utf8' });
  await testInfo.attach(`${name}.pdf`, { path: filePath, contentType: 'application/pdf' });
  await testInfo.attach(`${name}.txt`, { body: layout, contentType: 'text/plain' });
  return layout;
}

/** Every page of the PDF as a PNG (pdftoppm -png, 100 dpi) in the test's output folder, attached as `<name>-page-N`; returns their paths. */
export async function pdfPagePngs(filePath: string, testInfo: TestInfo, name: string): Promise<string[]> {
  const prefix = testInfo.outputPath(`${name}-page`);
  execFileSync('pdftoppm', ['-png', '-r', '100', filePath, prefix]);
  const folder = dirname(prefix);
  const stem = `${name}-page-`;
  const pngs = readdirSync(folder)
    .filter((file) => file.startsWith(stem) && file.endsWith('.png'))
    .sort((a, b) => Number(a.slice(stem.length, -4)) - Number(b.slice(stem.length, -4)))
    .map((file) => join(folder, file));
  for (const [index, png] of pngs.entries()) await testInfo.attach(`${name}-page-${index + 1}`, { body: readFileSync(png), contentType: 'image/png' });
  return pngs;
}

/**
 * A full-page screenshot in the test's output folder, attached under `name`. The status bar is
 * sticky at the bottom of the window; a full-page capture would paint it over the middle of a long
 * page (where the window's bottom was), so for the capture it is laid out in its own row at the end.
 * (Through the element's style object: the app's content security policy refuses injected style
 * sheets, which is what the screenshot `style` option would add.)
 */
export async function fullPageShot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const statusBar = page.getByTestId('status-bar');
  const setPosition = (position: string) =>
    statusBar.evaluateAll((elements, value) => {
      for (const element of elements) Reflect.set(Reflect.get(element, 'style') as object, 'position', value);
    }, position);
  await setPosition('static');
  try {
    const body = await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
    await testInfo.attach(name, { body, contentType: 'image/png' });
  } finally {
    await setPosition('');
  }
}
