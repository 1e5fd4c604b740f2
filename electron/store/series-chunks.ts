import type Database from 'better-sqlite3';
import { decodeChunk, encodeChunk } from './chunk-codec';

/** Prepared statements for reading and writing one dataset's series chunks. */
export class SeriesChunks {
  private readonly insert: Database.Statement;
  private readonly select: Database.Statement;
  private readonly remove: Database.Statement;

  constructor(db: Database.Database, private readonly datasetId: number) {
    this.insert = db.prepare(
      'INSERT INTO series_chunks (dataset_id, entity_idx, column_idx, chunk_idx, data) VALUES (?, ?, ?, ?, ?)',
    );
    this.select = db.prepare(
      'SELECT data FROM series_chunks WHERE dataset_id = ? AND entity_idx = ? AND column_idx = ? ORDER BY chunk_idx',
    );
    this.remove = db.prepare('DELETE FROM series_chunks WHERE dataset_id = ? AND entity_idx = ?');
  }

  /** Stores one chunk of values of a column of an entity. */
  write(entity: number, column: number, chunk: number, values: Float64Array): void {
    this.insert.run(this.datasetId, entity, column, chunk, encodeChunk(values));
  }

  /** Yields the stored chunks of a column in order, one at a time (memory stays at one chunk). */
  *chunks(entity: number, column: number): Generator<Float64Array> {
    for (const row of this.select.iterate(this.datasetId, entity, column) as Iterable<{ data: Buffer }>) {
      yield decodeChunk(row.data);
    }
  }

  /** Reads a whole column of an entity into one array. */
  readColumn(entity: number, column: number, length: number): Float64Array {
    const out = new Float64Array(length);
    let at = 0;
    for (const c of this.chunks(entity, column)) {
      out.set(c.subarray(0, Math.min(c.length, length - at)), at);
      at += c.length;
    }
    return out;
  }

  /** Deletes every chunk of an entity (before rewriting it sorted). */
  deleteEntity(entity: number): void {
    this.remove.run(this.datasetId, entity);
  }
}
