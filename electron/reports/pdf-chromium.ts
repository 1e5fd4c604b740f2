/**
 * PDF from the CLI and browser mode: prints the report's HTML file with a headless Chromium (no
 * network, a fresh throw-away profile), when one is installed. The desktop app prints with
 * Electron's own printToPDF instead (pdf-electron.ts).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancelledError, UserError } from '../../shared/errors';

/** Prints an HTML file into a PDF file; `signal` cancels it. */
export type PdfPrinter = (htmlFile: string, pdfFile: string, signal: AbortSignal) => Promise<void>;

/** A stuck Chromium is stopped after this long. */
const PRINT_TIMEOUT_MS = 120_000;

/** Where Chromium or Chrome is usually installed, per platform. */
function candidates(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string[] {
  const fromEnv = [env.LSTM_STUDIO_CHROMIUM, env.CHROMIUM_PATH].filter((p): p is string => Boolean(p));
  if (platform === 'darwin') {
    return [...fromEnv, '/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((p): p is string => Boolean(p));
    return [...fromEnv, ...roots.flatMap((r) => [path.join(r, 'Chromium', 'Application', 'chrome.exe'), path.join(r, 'Google', 'Chrome', 'Application', 'chrome.exe')])];
  }
  return [...fromEnv, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
}

/** The first Chromium found (LSTM_STUDIO_CHROMIUM or CHROMIUM_PATH first), or null. */
export function findChromium(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | null {
  for (const file of candidates(env, platform)) {
    try {
      if (fs.statSync(file).isFile()) return file;
    } catch {
      // not here
    }
  }
  return null;
}

/** The error when no Chromium is installed: what to install, or where to point. */
export function noChromiumError(): UserError {
  return new UserError(
    'A PDF needs Chromium (or Google Chrome) to print the report, and none was found. Install it (Debian/Ubuntu: `sudo apt-get install chromium`; macOS: install Chromium or Chrome in /Applications), ' +
      'or set LSTM_STUDIO_CHROMIUM to its program file. An HTML report (--out FILE.html) needs nothing else, and the desktop app prints PDFs itself.',
  );
}

/** The Chromium command line: headless, no network or first-run work, a fresh profile, print to `pdf`. */
export function chromiumArgs(htmlFile: string, pdfFile: string, profile: string): string[] {
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-extensions',
    '--mute-audio',
    `--user-data-dir=${profile}`,
    '--no-pdf-header-footer',
    `--print-to-pdf=${pdfFile}`,
    pathToFileURL(htmlFile).href,
  ];
}

/** Prints with the Chromium found on this machine; a clear error names what to install when there is none. */
export const printWithChromium: PdfPrinter = async (htmlFile, pdfFile, signal) => {
  const chromium = findChromium();
  if (!chromium) throw noChromiumError();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'lstm-studio-pdf-'));
  try {
    await runChromium(chromium, chromiumArgs(htmlFile, pdfFile, profile), signal);
  } finally {
    fs.rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
  }
  const size = fs.existsSync(pdfFile) ? fs.statSync(pdfFile).size : 0;
  if (size === 0) throw new Error(`Chromium (${chromium}) finished without writing the PDF ${pdfFile}.`);
};

function runChromium(program: string, args: string[], signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    const stop = (err: Error) => {
      child.kill('SIGKILL');
      reject(err);
    };
    const timer = setTimeout(() => stop(new Error(`Chromium did not finish printing the PDF within ${PRINT_TIMEOUT_MS / 1000} s; it was stopped. Its last output: ${stderr.trim() || '(none)'}`)), PRINT_TIMEOUT_MS);
    const onAbort = () => stop(new CancelledError('The report was cancelled.'));
    signal.addEventListener('abort', onAbort, { once: true });
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new UserError(`Cannot start Chromium at ${program}: ${err.message}. Reinstall it, or point LSTM_STUDIO_CHROMIUM at a working Chromium or Chrome.`));
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      if (code === 0) resolve();
      else if (!signal.aborted) reject(new Error(`Chromium failed to print the PDF (exit code ${code}): ${stderr.trim().split('\n').slice(-3).join(' ') || 'no output'}`));
    });
    if (signal.aborted) onAbort();
  });
}
