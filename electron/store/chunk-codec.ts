/** Series values are stored as little-endian float64 blobs (NaN = missing), a chunk per row range. */

/**
 * The bytes of `values` for a blob column, without copying them: bind it at once (better-sqlite3
 * binds blobs as SQLITE_TRANSIENT, so SQLite copies them and the caller may then reuse its buffer).
 */
export function encodeChunk(values: Float64Array): Buffer {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
}

/** Decodes a blob back into values (a copy aligned for Float64Array). */
export function decodeChunk(blob: Buffer): Float64Array {
  const out = new Float64Array(blob.byteLength / 8);
  new Uint8Array(out.buffer).set(blob);
  return out;
}
