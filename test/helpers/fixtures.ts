import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The project root (the folder with package.json), found from the compiled test's location. */
export function projectRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
}

/** A file of the shared real data sets (`../shared/data` beside the project). */
export function dataFile(...parts: string[]): string {
  return path.join(projectRoot(), '..', 'shared', 'data', ...parts);
}

const created: string[] = [];
process.on('exit', () => created.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A fresh empty temp folder, removed when the process exits. */
export function tempDir(prefix = 'lstm-studio-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Writes a file into a temp folder and returns its path. */
export function writeTemp(dir: string, name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}
