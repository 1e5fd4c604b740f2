#!/usr/bin/env node
/**
 * Layering lint (`npm run lint`), after VS Code's `local/code-layering` rule:
 *  - shared/   is pure TypeScript: no Node built-ins (`fs`, `node:path`, ...), no electron, no React,
 *              no imports from outside shared/, and no platform globals (window., document., process., ...).
 *  - renderer/ talks to the back end only through the contract: it never imports from electron/.
 * Uses the TypeScript parser, so comments, strings and regexes never cause false alarms.
 * Exports `checkLayering(root)` for the test; run directly it prints violations and exits 1.
 */
const fs = require('node:fs');
const path = require('node:path');
const { builtinModules } = require('node:module');
const ts = require('typescript');

const SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', 'release', '.git']);
const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const DOM_GLOBALS = new Set(['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'history']);
const NODE_GLOBALS = new Set(['process', 'Buffer', '__dirname', '__filename', 'global', 'require', 'module']);

/** Lists source files under `dir`, relative to `root`, with forward slashes. */
function listSources(root, dir) {
  const out = [];
  const walk = (abs) => {
    if (!fs.existsSync(abs)) return;
    for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
      const p = path.join(abs, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(p);
      } else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        out.push(path.relative(root, p).split(path.sep).join('/'));
      }
    }
  };
  walk(path.join(root, dir));
  return out.sort();
}

/** Every module specifier a file imports (static, dynamic, require, import type, export from). */
function findImports(sf) {
  const found = [];
  const add = (node, spec) => found.push({ spec, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1 });
  const visit = (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node, node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const e = node.moduleReference.expression;
      if (ts.isStringLiteralLike(e)) add(node, e.text);
    } else if (ts.isCallExpression(node) && node.arguments.length > 0 && ts.isStringLiteralLike(node.arguments[0])) {
      const isImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      if (isImport || isRequire) add(node, node.arguments[0].text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      add(node, node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** Names the file declares itself (variables, parameters, functions, classes, imports): not globals. */
function declaredNames(sf) {
  const names = new Set();
  const visit = (node) => {
    if (
      (ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node) ||
        ts.isImportSpecifier(node) || ts.isImportClause(node) || ts.isNamespaceImport(node) || ts.isBindingElement(node)) &&
      node.name && ts.isIdentifier(node.name)
    ) {
      names.add(node.name.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return names;
}

/** Uses of platform globals as objects or functions (`window.x`, `document[x]`, `require(x)`, `process.env`). */
function findGlobalUses(sf) {
  const declared = declaredNames(sf);
  const found = [];
  const visit = (node) => {
    if (ts.isIdentifier(node) && !declared.has(node.text) && (DOM_GLOBALS.has(node.text) || NODE_GLOBALS.has(node.text))) {
      const p = node.parent;
      const used =
        ((ts.isPropertyAccessExpression(p) || ts.isElementAccessExpression(p)) && p.expression === node) ||
        (ts.isCallExpression(p) && p.expression === node);
      if (used) found.push({ name: node.text, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

function parse(root, rel) {
  const text = fs.readFileSync(path.join(root, rel), 'utf8');
  const kind = rel.endsWith('x') ? ts.ScriptKind.TSX : rel.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  return ts.createSourceFile(rel, text, ts.ScriptTarget.Latest, true, kind);
}

/** Why a shared/ import is not allowed, or null when it is. */
function sharedImportProblem(rel, spec) {
  if (NODE_BUILTINS.has(spec) || spec.startsWith('node:')) return 'shared/ must not use Node built-ins';
  if (spec === 'electron' || spec.startsWith('electron/')) return 'shared/ must not use Electron';
  if (/^(react|react-dom|react-dom\/.*|react\/.*|scheduler)$/.test(spec)) return 'shared/ must not use React';
  if (spec.startsWith('.')) {
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(rel), spec));
    if (!target.startsWith('shared/')) return 'shared/ may only import from shared/';
  }
  return null;
}

/** Why a renderer/ import is not allowed, or null when it is. */
function rendererImportProblem(rel, spec) {
  if (spec === 'electron' || spec.startsWith('electron/')) return 'renderer/ must not use Electron (use the StudioApi from the preload)';
  if (spec.startsWith('.')) {
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(rel), spec));
    if (target === 'electron' || target.startsWith('electron/')) return 'renderer/ must not import from electron/ (talk to it through shared/api.ts)';
  }
  return null;
}

/**
 * Checks the layering of the project at `root`. Returns violations as
 * `{file, line, what, rule}`, where `what` is the import or global and `rule` says what to do.
 */
function checkLayering(root) {
  const violations = [];
  for (const rel of listSources(root, 'shared')) {
    const sf = parse(root, rel);
    for (const { spec, line } of findImports(sf)) {
      const rule = sharedImportProblem(rel, spec);
      if (rule) violations.push({ file: rel, line, what: `import '${spec}'`, rule });
    }
    for (const { name, line } of findGlobalUses(sf)) {
      const rule = DOM_GLOBALS.has(name) ? 'shared/ must not use DOM globals' : 'shared/ must not use Node globals';
      violations.push({ file: rel, line, what: `global '${name}'`, rule });
    }
  }
  for (const rel of listSources(root, 'renderer')) {
    const sf = parse(root, rel);
    for (const { spec, line } of findImports(sf)) {
      const rule = rendererImportProblem(rel, spec);
      if (rule) violations.push({ file: rel, line, what: `import '${spec}'`, rule });
    }
  }
  return violations;
}

/** One violation as a line a person can act on: `shared/x.ts:3 import 'node:fs': shared/ must not ...`. */
function formatViolation(v) {
  return `${v.file}:${v.line} ${v.what}: ${v.rule}`;
}

module.exports = { checkLayering, formatViolation };

if (require.main === module) {
  const root = path.resolve(process.argv[2] ?? path.join(__dirname, '..'));
  const violations = checkLayering(root);
  if (violations.length === 0) {
    console.log('Layering OK: shared/ is platform-neutral and renderer/ does not import electron/.');
  } else {
    console.error(`Layering violations (${violations.length}):`);
    for (const v of violations) console.error(`  ${formatViolation(v)}`);
    process.exit(1);
  }
}
