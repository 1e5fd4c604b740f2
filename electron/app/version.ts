import * as fs from 'node:fs';
import * as path from 'node:path';

let cached: string | undefined;

/** The app's version from package.json (found by walking up from this file, so it works from dist/ too). */
export function readAppVersion(): string {
  if (cached) return cached;
  cached = JSON.parse(fs.readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')).version as string;
  return cached;
}

/** The folder holding the app's package.json (the project root in development, the app folder when packaged). */
export function projectRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('package.json not found above ' + __dirname);
    dir = up;
  }
  return dir;
}
