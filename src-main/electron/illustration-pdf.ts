// Prints an illustration (HTML) to PDF with Chromium, and saves the (normalised) bytes where the rep
// chooses with a save dialog. The HTML
// is loaded into a hidden, sandboxed window with JavaScript off, in a session of its own that
// refuses every request except the one page file: whatever the HTML contains, it can neither run
// script nor reach the network while it is rendered.
import { BrowserWindow, dialog, session, type SaveDialogOptions } from 'electron';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { IllustrationPrinter } from '../services/illustration-services.js';

// In-memory partition (no "persist:"): nothing from printing is kept on disk.
const PRINT_PARTITION = 'ratedesk-illustration-print';

export function createIllustrationPrinter(parentWindow: () => BrowserWindow | null): IllustrationPrinter {
  let queue: Promise<unknown> = Promise.resolve();
  return {
    renderPdf(html) {
      // One render at a time: the request filter below allows exactly one page file.
      const run = queue.then(() => renderPdf(html));
      queue = run.catch(() => undefined);
      return run;
    },
    savePdf: (request) => saveWithDialog(request.bytes, request.suggestedFileName, parentWindow()),
  };
}

async function renderPdf(html: string): Promise<Uint8Array> {
  const folder = await mkdtemp(join(tmpdir(), 'ratedesk-print-'));
  const page = join(folder, 'illustration.html');
  const pageUrl = pathToFileURL(page).href;
  const printSession = session.fromPartition(PRINT_PARTITION);
  printSession.webRequest.onBeforeRequest((details, callback) => callback({ cancel: details.url !== pageUrl }));
  printSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));

  const window = new BrowserWindow({
    show: false,
    webPreferences: { session: printSession, sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, webSecurity: true },
  });
  try {
    await writeFile(page, html, 'utf8');
    await window.loadURL(pageUrl);
    // The illustration's @page rule sets the size and margins and draws "Page X of Y" in its margin
    // boxes, so the PDF matches the web host's (scripts/web-host/chromium-pdf-printer.ts).
    return await window.webContents.printToPDF({ printBackground: true, pageSize: 'Letter', preferCSSPageSize: true });
  } finally {
    window.destroy();
    printSession.webRequest.onBeforeRequest(null);
    await rm(folder, { recursive: true, force: true });
  }
}

async function saveWithDialog(bytes: Uint8Array, suggestedFileName: string, parent: BrowserWindow | null): Promise<{ saved: boolean; filePath: string | null }> {
  const options: SaveDialogOptions = {
    title: 'Save illustration as PDF',
    defaultPath: suggestedFileName.toLowerCase().endsWith('.pdf') ? suggestedFileName : `${suggestedFileName}.pdf`,
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
  };
  const choice = parent === null ? await dialog.showSaveDialog(options) : await dialog.showSaveDialog(parent, options);
  if (choice.canceled || choice.filePath === undefined || choice.filePath === '') return { saved: false, filePath: null };
  const filePath = choice.filePath.toLowerCase().endsWith('.pdf') ? choice.filePath : `${choice.filePath}.pdf`;
  await writeFile(filePath, bytes);
  return { saved: true, filePath };
}
