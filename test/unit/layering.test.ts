import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

interface Violation {
  file: string;
  line: number;
  what: string;
  rule: string;
}
interface Layering {
  checkLayering(root: string): Violation[];
  formatViolation(v: Violation): string;
}

const ROOT = findRoot(__dirname);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { checkLayering, formatViolation } = require(path.join(ROOT, 'scripts', 'check-layering.js')) as Layering;

function findRoot(dir: string): string {
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
}

const temps: string[] = [];
after(() => temps.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function writeTree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lstm-layering-'));
  temps.push(root);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

test('the project keeps its layers: shared/ is platform-neutral, renderer/ does not import electron/', () => {
  const violations = checkLayering(ROOT);
  assert.deepEqual(violations.map(formatViolation), [], `Layering violations:\n  ${violations.map(formatViolation).join('\n  ')}`);
});

test('the check names the file, line and import of each violation (a bad example)', () => {
  const root = writeTree({
    'shared/bad.ts': [
      "import * as fs from 'node:fs';",
      "import path from 'path';",
      "import type { BrowserWindow } from 'electron';",
      "import { useState } from 'react';",
      "import { openDatabase } from '../electron/store/database';",
      "export const home = () => process.env.HOME;",
      "export const title = () => document.title;",
      "export const w = () => window.innerWidth;",
      "export const later = () => import('node:os');",
      "const x = require('child_process');",
      '',
    ].join('\n'),
    'shared/good.ts': [
      "import type { Rng } from './random';",
      "import { mean } from './stats/mean';",
      '// window. document. process.env and require("fs") in a comment are fine',
      "const s = 'window.alert(1) and import fs from \"fs\"';",
      'const quote = /["\']window\\./g;',
      'export function f(document: { title: string }, r: Rng) { return document.title + s + quote.source + mean([r()]); }',
      'export const isBrowser = typeof window !== "undefined";',
      'export const o = { window: 3 }.window;',
      '',
    ].join('\n'),
    'renderer/src/bad.tsx': [
      "import { createHandlers } from '../../electron/api/handlers';",
      "import { ipcRenderer } from 'electron';",
      '',
    ].join('\n'),
    'renderer/src/good.tsx': [
      "import type { StudioApi } from '../../shared/api';",
      "import { useState } from 'react';",
      'export const w = window.innerWidth;',
      '',
    ].join('\n'),
    'renderer/node_modules/x/index.js': "require('../../../electron/main');",
  });
  const found = checkLayering(root).map(formatViolation);
  assert.deepEqual(found, [
    "shared/bad.ts:1 import 'node:fs': shared/ must not use Node built-ins",
    "shared/bad.ts:2 import 'path': shared/ must not use Node built-ins",
    "shared/bad.ts:3 import 'electron': shared/ must not use Electron",
    "shared/bad.ts:4 import 'react': shared/ must not use React",
    "shared/bad.ts:5 import '../electron/store/database': shared/ may only import from shared/",
    "shared/bad.ts:9 import 'node:os': shared/ must not use Node built-ins",
    "shared/bad.ts:10 import 'child_process': shared/ must not use Node built-ins",
    "shared/bad.ts:6 global 'process': shared/ must not use Node globals",
    "shared/bad.ts:7 global 'document': shared/ must not use DOM globals",
    "shared/bad.ts:8 global 'window': shared/ must not use DOM globals",
    "shared/bad.ts:10 global 'require': shared/ must not use Node globals",
    "renderer/src/bad.tsx:1 import '../../electron/api/handlers': renderer/ must not import from electron/ (talk to it through shared/api.ts)",
    "renderer/src/bad.tsx:2 import 'electron': renderer/ must not use Electron (use the StudioApi from the preload)",
  ]);
});
