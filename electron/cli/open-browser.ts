/** Opens a link in the system browser, best effort: failures are ignored (the link is printed anyway). */
import { spawn } from 'node:child_process';

/** The command that opens a URL on this platform. */
export function openerCommand(url: string, platform: NodeJS.Platform = process.platform): [string, string[]] {
  if (platform === 'darwin') return ['open', [url]];
  if (platform === 'win32') return ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]];
  return ['xdg-open', [url]];
}

/** Starts the system browser on `url` without waiting for it; never throws. */
export function openBrowser(url: string): void {
  try {
    const [cmd, args] = openerCommand(url);
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true, windowsHide: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // No opener on this system: the user opens the printed link.
  }
}
