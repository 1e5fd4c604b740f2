/**
 * Keys that reach an object's prototype (`__proto__`, `constructor`, `prototype`): refused in every
 * value read from outside (configs, `--set`, imported records and models, request bodies), so no
 * later merge or assignment can poison `Object.prototype`. Pure TypeScript.
 */
import { UserError } from './errors';

/** The keys never accepted from outside. */
export const FORBIDDEN_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/** True for a key that could reach a prototype when assigned. */
export function isForbiddenKey(key: string): boolean {
  return FORBIDDEN_KEYS.includes(key);
}

/**
 * The first forbidden key anywhere in a parsed value and its path (`a.b[2].__proto__`), or null.
 * Walks with its own stack, so a deeply nested value cannot overflow the call stack.
 */
export function findForbiddenKey(value: unknown): { key: string; path: string } | null {
  const stack: { v: unknown; path: string }[] = [{ v: value, path: '' }];
  while (stack.length > 0) {
    const { v, path } = stack.pop()!;
    if (typeof v !== 'object' || v === null || ArrayBuffer.isView(v)) continue;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) if (typeof v[i] === 'object' && v[i] !== null) stack.push({ v: v[i], path: `${path}[${i}]` });
      continue;
    }
    for (const key of Object.keys(v)) {
      const at = path ? `${path}.${key}` : key;
      if (isForbiddenKey(key)) return { key, path: at };
      stack.push({ v: (v as Record<string, unknown>)[key], path: at });
    }
  }
  return null;
}

/** Throws a UserError naming `source` and the key when a value holds a forbidden key anywhere. */
export function refuseForbiddenKeys(value: unknown, source: string): void {
  const found = findForbiddenKey(value);
  if (found) {
    const where = found.path === found.key ? '' : ` (at ${found.path.slice(0, 120)})`;
    throw new UserError(`${source} has a field named "${found.key}"${where}, which is never accepted: ${FORBIDDEN_KEYS.join(', ')} could change how every object behaves. Rename or remove it.`);
  }
}
