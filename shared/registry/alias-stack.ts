/**
 * Where an alias can roll back to: its recorded moves replayed into a stack of versions. Pure, so
 * the back end (which performs the rollback) and the UI (which says where it will go) agree.
 */
import type { AliasEvent } from './types';

/**
 * Replays an alias's moves into the stack of versions it was deployed to: a deploy pushes, a
 * rollback pops back to the version it moved to. The top is where the alias points now; the one
 * below is where a rollback goes.
 */
export function deployStack(events: readonly AliasEvent[]): number[] {
  const stack: number[] = [];
  for (const e of events) {
    if (e.action === 'deploy') {
      stack.push(e.toVersion);
      continue;
    }
    stack.pop();
    while (stack.length > 0 && stack[stack.length - 1] !== e.toVersion) stack.pop();
    if (stack.length === 0) stack.push(e.toVersion);
  }
  return stack;
}

/**
 * The version a rollback of `alias` would move to: the one below the top of its stack that still
 * exists (`exists`), or null when there is none.
 */
export function rollbackTarget(events: readonly AliasEvent[], alias: string, exists: (version: number) => boolean): number | null {
  const stack = deployStack(events.filter((e) => e.alias === alias));
  stack.pop();
  while (stack.length > 0 && !exists(stack[stack.length - 1])) stack.pop();
  return stack.at(-1) ?? null;
}
