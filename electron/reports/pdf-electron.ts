/**
 * PDF in the desktop app: Electron prints the report's HTML file itself with
 * `webContents.printToPDF`, in a hidden window of its own session with JavaScript off (the report
 * has no scripts; its CSP forbids network requests). A thin adapter: everything else about a report
 * is the same code as in the CLI and browser mode.
 */
import * as fs from 'node:fs';
import { BrowserWindow } from 'electron';
import { CancelledError } from '../../shared/errors';
import type { PdfPrinter } from './pdf-chromium';

/** Prints with an offscreen Electron window; the window is always destroyed. */
export const printWithElectron: PdfPrinter = async (htmlFile, pdfFile, signal) => {
  if (signal.aborted) throw new CancelledError('The report was cancelled.');
  const win = new BrowserWindow({
    show: false,
    width: 1000,
    height: 1400,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, partition: 'lstm-studio-report-print' },
  });
  const onAbort = () => win.destroy();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    await win.loadFile(htmlFile);
    const data = await win.webContents.printToPDF({ printBackground: true, preferCSSPageSize: true, generateDocumentOutline: true });
    if (signal.aborted) throw new CancelledError('The report was cancelled.');
    fs.writeFileSync(pdfFile, data);
  } catch (err) {
    if (signal.aborted) throw new CancelledError('The report was cancelled.');
    throw err;
  } finally {
    signal.removeEventListener('abort', onAbort);
    if (!win.isDestroyed()) win.destroy();
  }
};
