// The web host's IllustrationPrinter: what src-main/electron/illustration-pdf.ts does with Electron's
// printToPDF, done with headless Chromium through playwright-core (a dependency of the
// @playwright/test dev dependency; this host is a development tool). A browser tab has no save
// dialog to print into, so the PDF goes to a downloads folder under a name of its own and the
// UI shows the path.
//
// Environment: CHROMIUM_PATH (default: the first of the usual install paths that exists; without
// one the host cannot print and the UI says so), RATEDESK_WEB_DOWNLOADS_DIR (default
// <RATEDESK_WEB_DATA_DIR>/illustrations).
//
// The page runs with JavaScript off, offline, and every request aborted: set as content of an
// about:blank page it cannot read local files either, so whatever the HTML holds, it can neither
// run script nor reach the network or the disk while it is rendered. "Page X of Y" comes from the
// illustration's own CSS page margin boxes, as in Electron.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IllustrationPrinter } from '../../src-main/services/illustration-services.js';

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];
const RENDER_TIMEOUT_MS = 60_000;
const DEFAULT_BASE_NAME = 'RateDesk illustration';

export interface ChromiumPdfPrinterOptions {
  /** The Chromium (or Chrome) binary. */
  executablePath: string;
  /** Where PDFs are saved; created when missing. */
  downloadsDir: string;
  now?: () => Date;
}

/** CHROMIUM_PATH when it names a file, otherwise the first usual install that exists; null when there is none. */
export function findChromium(env: Readonly<Record<string, string | undefined>>): string | null {
  const configured = env.CHROMIUM_PATH;
  if (configured !== undefined && configured !== '') return existsSync(configured) ? configured : null;
  return CHROMIUM_CANDIDATES.find((candidate) => existsSync(candidate)) ?? null;
}

/**
 * The printer the web host wires in: Chromium from findChromium, PDFs into RATEDESK_WEB_DOWNLOADS_DIR
 * (default <dataDir>/illustrations). null (the UI then says this host cannot print) without a Chromium.
 */
export function chromiumPdfPrinterFor(env: Readonly<Record<string, string | undefined>>, dataDir: string): IllustrationPrinter | null {
  const executablePath = findChromium(env);
  if (executablePath === null) {
    console.warn('[web-host] no Chromium found (set CHROMIUM_PATH): illustrations cannot be exported as PDF');
    return null;
  }
  const downloadsDir = env.RATEDESK_WEB_DOWNLOADS_DIR !== undefined && env.RATEDESK_WEB_DOWNLOADS_DIR !== '' ? env.RATEDESK_WEB_DOWNLOADS_DIR : join(dataDir, 'illustrations');
  return createChromiumPdfPrinter({ executablePath, downloadsDir });
}

export function createChromiumPdfPrinter(options: ChromiumPdfPrinterOptions): IllustrationPrinter {
  const now = options.now ?? (() => new Date());
  let queue: Promise<unknown> = Promise.resolve();
  return {
    renderPdf(html) {
      // One browser at a time: two cores are shared with everything else the host runs.
      const run = queue.then(() => renderPdf(options.executablePath, html));
      queue = run.catch(() => undefined);
      return run;
    },
    async savePdf(request) {
      await mkdir(options.downloadsDir, { recursive: true });
      const filePath = join(options.downloadsDir, uniqueFileName(request.suggestedFileName, now()));
      // 'wx': never overwrite an illustration already handed to a client.
      await writeFile(filePath, request.bytes, { flag: 'wx' });
      return { saved: true, filePath };
    },
  };
}

async function renderPdf(executablePath: string, html: string): Promise<Buffer> {
  // Loaded on first use: a checkout without playwright-core still runs the web host, only without PDFs.
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, timeout: RENDER_TIMEOUT_MS, args: ['--disable-gpu', '--disable-background-networking', '--no-first-run'] });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true, serviceWorkers: 'block' });
    await context.route('**/*', (route) => route.abort('blockedbyclient'));
    const page = await context.newPage();
    page.setDefaultTimeout(RENDER_TIMEOUT_MS);
    await page.setContent(html, { waitUntil: 'load' });
    // The illustration's @page rule sets the Letter size, the margins and the page-number boxes.
    return await page.pdf({ preferCSSPageSize: true, printBackground: true });
  } finally {
    await browser.close();
  }
}

/** "RateDesk illustration 2026-11-24 043012 1a2b3c4d.pdf" (UTC time): readable, sortable, never an existing file's name. */
export function uniqueFileName(suggested: string, at: Date): string {
  const base = suggested
    .replace(/\.pdf$/i, '')
    // Only a plain name: no folders, no characters a file system or a shell would read specially.
    .replace(/[^A-Za-z0-9 ._-]+/g, ' ')
    .replace(/^[.\s]+|\s+$/g, '')
    .replace(/\s+/g, ' ')
    .slice(0, 80);
  const stamp = at.toISOString().replace(/\.\d{3}Z$/, '').replace('T', ' ').replace(/:/g, '');
  return `${base === '' ? DEFAULT_BASE_NAME : base} ${stamp} ${randomUUID().slice(0, 8)}.pdf`;
}
