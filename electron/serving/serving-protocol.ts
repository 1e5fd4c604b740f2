/** The typed protocol between the serving host (main process) and its long-lived serving worker. */
import type { SerializedError } from '../../shared/errors';
import type { ServeRequest, ServeResult, ServingMemory } from '../../shared/serving/types';

/** Messages to the worker: predict, or load the version an alias now points at (a switch). */
export type ServingRequest =
  | { type: 'predict'; id: number; alias: string; name: string; request: ServeRequest }
  | { type: 'switch'; id: number; name: string; alias: string };

/** Messages from the worker: one answer per request, with the worker's memory after it. */
export type ServingMessage =
  | { type: 'predicted'; id: number; ok: true; result: ServeResult; predictions: number; memory: ServingMemory; switched: boolean }
  | { type: 'predicted'; id: number; ok: false; error: SerializedError; version: number | null; memory: ServingMemory; switched: boolean }
  | { type: 'switched'; id: number; ok: true; version: number | null; memory: ServingMemory; switched: boolean }
  | { type: 'switched'; id: number; ok: false; error: SerializedError; memory: ServingMemory; switched: boolean };
