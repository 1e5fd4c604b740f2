// The layers of the tree and what each may import, as ESLint `no-restricted-imports` options
// (used by eslint.config.mjs; test/unit/layering.test.ts lints a bad import into each layer).
// Each source file belongs to exactly one layer below, so the rules never override one another.

/** Files of the Electron shell: the only ones that may import `electron`. */
export const ELECTRON_FILES = ['electron/main.ts', 'electron/preload.ts', 'electron/shell/**/*.ts', 'electron/reports/pdf-electron.ts'];

const NODE_GLOBALS = ['process', 'Buffer', '__dirname', '__filename', 'global', 'require', 'module'];
const DOM_GLOBALS = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'history'];

/** `globalThis.X` for each name, as `no-restricted-properties` entries. */
const onGlobalThis = (names, message) => names.map((property) => ({ object: 'globalThis', property, message }));
/** A relative import into one of these top-level folders. */
const into = (...folders) => folders.flatMap((f) => [`**/${f}`, `**/${f}/**`]);

const SHARED_MESSAGE = 'shared/ is platform-neutral TypeScript (the contract both sides compile): it imports only other shared/ modules and yaml.';
const RENDERER_MESSAGE =
  'renderer/ runs in the sandboxed page: it imports React, TanStack Query, Plotly, its own modules and shared/ only, and reaches the back end through the contract (shared/api.ts).';
const ELECTRON_MESSAGE = 'Only the Electron shell (main, preload, shell/, the PDF printer) imports electron: the back end also runs in plain Node (CLI, browser mode, tests).';

/** The layers, from the most constrained. */
export const LAYERS = [
  {
    name: 'shared',
    files: ['shared/**/*.ts'],
    patterns: [
      { regex: '^(?!\\.{1,2}/|yaml$)', message: SHARED_MESSAGE },
      { group: into('electron', 'renderer', 'test', 'scripts', 'backend'), message: SHARED_MESSAGE },
    ],
    globals: [...NODE_GLOBALS, ...DOM_GLOBALS].map((name) => ({ name, message: `${SHARED_MESSAGE} ${name} is a platform global.` })),
    properties: onGlobalThis([...NODE_GLOBALS, ...DOM_GLOBALS], SHARED_MESSAGE),
  },
  {
    name: 'renderer',
    files: ['renderer/**/*.{ts,tsx}'],
    patterns: [
      { regex: '^(?!\\.{1,2}/|react$|react/jsx-runtime$|react-dom$|react-dom/client$|@tanstack/react-query$|plotly\\.js-dist-min$)', message: RENDERER_MESSAGE },
      { group: into('electron', 'backend', 'test', 'scripts'), message: RENDERER_MESSAGE },
    ],
    globals: NODE_GLOBALS.map((name) => ({ name, message: `${RENDERER_MESSAGE} ${name} is a Node global.` })),
    properties: onGlobalThis(NODE_GLOBALS, RENDERER_MESSAGE),
  },
  {
    name: 'electron shell',
    files: ELECTRON_FILES,
    patterns: [{ group: into('renderer', 'test'), message: 'The shell loads the renderer as a page, never as a module.' }],
  },
  {
    name: 'back end (plain Node)',
    files: ['electron/**/*.ts'],
    except: ELECTRON_FILES,
    paths: [{ name: 'electron', message: ELECTRON_MESSAGE }],
    patterns: [{ group: into('renderer', 'test'), message: 'The back end talks to the renderer through the contract (shared/api.ts), never by import.' }],
  },
  {
    name: 'tests',
    files: ['test/**/*.ts'],
    paths: [{ name: 'electron', message: 'Tests run in plain Node: test Electron-only code through its pure parts.' }],
    patterns: [],
  },
];
