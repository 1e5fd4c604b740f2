/** Series values are stored as little-endian float64 blobs (NaN = missing), a chunk per row range. */

/** Encodes values for a blob column (copies, so the caller may reuse its buffer). */
export function encodeChunk(values: Float64Array): Buffer {
  return Buffer.from(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength));
}

/** Decodes a blob back into values (a copy aligned for Float64Array). */
export function decodeChunk(blob: Buffer): Float64Array {
  const out = new Float64Array(blob.byteLength / 8);
  new Uint8Array(out.buffer).set(blob);
  return out;
}
