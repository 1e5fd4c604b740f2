/**
 * The layer boundaries of eslint.config.mjs catch bad imports: each snippet is linted as if it were a
 * file of that layer, through ESLint's API with the project's own configuration. (`npm run lint`
 * checks the real tree; this proves the rules are not too weak to matter.)
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { ESLint } from 'eslint';

const ROOT = findRoot(__dirname);
let eslint: ESLint;

function findRoot(dir: string): string {
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
}

/** The messages of the layering rules for `code` linted as the file `file` (relative to the root). */
async function layerProblems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result.messages
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals' || m.ruleId === 'no-restricted-properties')
    .map((m) => `${m.line}: ${m.message}`);
}

/** Asserts that every line of `lines`, linted alone as `file`, is refused with a message matching `why`. */
async function assertRefused(file: string, lines: string[], why: RegExp): Promise<void> {
  for (const line of lines) {
    const problems = await layerProblems(file, `${line}\nexport const used = [typeof x];\n`);
    assert.equal(problems.length > 0, true, `${file}: \`${line}\` passed the layering rules`);
    assert.match(problems.join('\n'), why, `${file}: \`${line}\``);
  }
}

before(() => {
  eslint = new ESLint({ cwd: ROOT });
});

describe('shared/ is platform-neutral', () => {
  it('refuses Node built-ins, native and platform packages, other layers and platform globals', async () => {
    await assertRefused(
      'shared/model/bad.ts',
      [
        "import * as x from 'node:fs';",
        "import x from 'path';",
        "import x from 'better-sqlite3';",
        "import * as x from '@tensorflow/tfjs-node';",
        "import type { BrowserWindow as x } from 'electron';",
        "import * as x from 'react';",
        "import { createHandlers as x } from '../../electron/api/handlers';",
        "import { App as x } from '../../renderer/src/app/app';",
        "const x = require('node:os');",
        'const x = globalThis.process.env.HOME;',
        'const x = process.env.HOME;',
        'const x = window.location.href;',
        'const x = Buffer.from("a");',
      ],
      /shared\/ is platform-neutral/,
    );
  });

  it('accepts shared modules and yaml', async () => {
    assert.deepEqual(await layerProblems('shared/model/ok.ts', "import { parse } from 'yaml';\nimport { fmtInt } from '../errors';\nexport const x = [parse, fmtInt];\n"), []);
  });
});

describe('renderer/ reaches the back end only through the contract', () => {
  it('refuses Node built-ins, Electron, native packages, the back end and Node globals', async () => {
    await assertRefused(
      'renderer/src/datasets/bad.tsx',
      [
        "import * as x from 'node:fs';",
        "import x from 'fs';",
        "import { ipcRenderer as x } from 'electron';",
        "import x from 'better-sqlite3';",
        "import * as x from '@tensorflow/tfjs';",
        "import { createHandlers as x } from '../../../electron/api/handlers';",
        'const x = process.env.HOME;',
        'const x = globalThis.require;',
      ],
      /renderer\/ runs in the sandboxed page/,
    );
  });

  it('accepts React, TanStack Query, Plotly, its own modules and shared/', async () => {
    const code = [
      "import { useState } from 'react';",
      "import { useQuery } from '@tanstack/react-query';",
      "import Plotly from 'plotly.js-dist-min';",
      "import type { OperationName } from '../../../shared/api';",
      'export const x = [useState, useQuery, Plotly, null as OperationName | null];',
    ].join('\n');
    assert.deepEqual(await layerProblems('renderer/src/datasets/ok.tsx', code), []);
  });
});

describe('Electron only in the shell', () => {
  it('refuses electron in the plain-Node back end (CLI, engine, server) and in tests', async () => {
    for (const file of ['electron/cli/bad.ts', 'electron/engine/bad.ts', 'electron/server/bad.ts', 'test/unit/bad.test.ts']) {
      await assertRefused(file, ["import { app as x } from 'electron';"], /electron/);
    }
  });

  it('accepts electron in main, preload and the shell; refuses the renderer there', async () => {
    assert.deepEqual(await layerProblems('electron/shell/ok.ts', "import { app } from 'electron';\nexport const x = app;\n"), []);
    await assertRefused('electron/main.ts', ["import { App as x } from '../renderer/src/app/app';"], /renderer as a page/);
  });

  it('refuses the renderer in the back end', async () => {
    await assertRefused('electron/api/bad.ts', ["import { App as x } from '../../renderer/src/app/app';"], /through the contract/);
  });
});
