/**
 * Which files a client other than the CLI may name in a request. Browser mode (anyone holding the
 * token) reaches only the home's `uploads/`, `reports/` and `exports/` folders; the desktop app
 * also reaches the folders the user chose in a native file dialog this session, and its recent
 * files. Paths are compared after resolving symbolic links, so a link cannot lead out.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Handlers, OperationName } from '../../shared/api';
import { PATH_FIELDS } from '../../shared/request-fields';
import { UserError } from '../../shared/errors';

/** The folders of the home that browser mode may read and write (created when first needed). */
export const SCOPED_HOME_FOLDERS = ['uploads', 'reports', 'exports'] as const;

/** The folders (and single files) requests may name, and what to tell a user who named another. */
export class PathScope {
  private readonly folders: string[] = [];
  private readonly files = new Set<string>();

  constructor(
    private readonly home: string,
    /** What to do instead, ending the refusal message. */
    private readonly hint: string,
    /** Files allowed beyond the folders, read at each check (the desktop app's recent files). */
    private readonly extraFiles: () => readonly string[] = () => [],
  ) {}

  /** Allows a folder and everything below it for the rest of the session (one the user chose in a dialog). */
  allowFolder(dir: string): void {
    const real = realPath(dir);
    if (!this.folders.includes(real)) this.folders.push(real);
  }

  /** Allows one file (one the user chose in a dialog). */
  allowFile(file: string): void {
    this.files.add(realPath(file));
  }

  /** True when a path resolves inside an allowed folder or to an allowed file. */
  allows(given: string): boolean {
    const target = realPath(given);
    const homeFolders = SCOPED_HOME_FOLDERS.map((f) => {
      const dir = path.join(this.home, f);
      fs.mkdirSync(dir, { recursive: true });
      return realPath(dir);
    });
    const inside = [...homeFolders, ...this.folders].some((dir) => target === dir || target.startsWith(dir + path.sep));
    return inside || this.files.has(target) || this.extraFiles().some((f) => realPath(f) === target);
  }

  /**
   * The path, absolute, when it resolves (links followed; a missing tail is allowed, for files to
   * write) inside an allowed folder or to an allowed file; else a UserError naming it.
   */
  check(given: unknown, field: string): string {
    if (typeof given !== 'string' || given.trim() === '') throw new UserError(`${field} must be a file path.`);
    if (this.allows(given)) return path.resolve(given);
    const where = SCOPED_HOME_FOLDERS.map((f) => path.join(this.home, f)).join(', ');
    throw new UserError(`${field} "${given.slice(0, 200)}" is outside the folders this app may use here (${where}). ${this.hint}`);
  }
}

/** The absolute path with every symbolic link of its existing part resolved; a missing tail is kept as given. */
export function realPath(p: string): string {
  let existing = path.resolve(p);
  const tail: string[] = [];
  for (;;) {
    try {
      return path.join(fs.realpathSync.native(existing), ...tail);
    } catch {
      const parent = path.dirname(existing);
      if (parent === existing) return path.resolve(p);
      tail.unshift(path.basename(existing));
      existing = parent;
    }
  }
}

/**
 * Handlers that check every file path of a request (the fields listed in PATH_FIELDS) against the
 * scope before the operation runs, allow what the native file dialogs return, and list only the
 * recent files inside the scope.
 */
export function scopeFilePaths(handlers: Handlers, scope: PathScope): Handlers {
  const scoped = { ...handlers } as Record<OperationName, (req: unknown) => Promise<unknown>>;
  for (const [op, fields] of Object.entries(PATH_FIELDS) as [OperationName, readonly string[]][]) {
    const handler = handlers[op] as (req: unknown) => Promise<unknown>;
    scoped[op] = async (req) => {
      if (req !== null && typeof req === 'object') {
        const r = req as Record<string, unknown>;
        for (const f of fields) if (r[f] !== undefined) scope.check(r[f], f === 'tablesDir' ? 'The tables folder' : 'The path');
      }
      return handler(req);
    };
  }
  // Recent files outside the scope (imported by the CLI on the same home) are neither shown nor usable.
  scoped['files:recent'] = async () => (await handlers['files:recent']()).filter((f) => scope.allows(f.path));
  for (const op of ['dialog:openFile', 'dialog:openModelFile'] as const) {
    const pick = handlers[op];
    scoped[op] = async () => {
      const picked = await pick();
      if (picked) scope.allowFile(picked.path);
      return picked;
    };
  }
  return scoped as Handlers;
}
