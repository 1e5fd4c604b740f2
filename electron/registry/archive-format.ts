/**
 * The one-file model export (`.lsmodel`): a magic line, the format version, a JSON header that
 * lists the entries and their lengths, the entries' bytes, and a SHA-256 of everything before it.
 *
 *   "LSTM-STUDIO-MODEL\n" | u32 BE format version | u32 BE header length | header JSON | entries | sha256
 *
 * Reading checks each part in turn, streaming (header first, limits checked, parts hashed as they
 * are read), so a foreign, truncated, damaged or oversized file is refused with a message that says
 * which it is and what to do, without reading it whole.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError, clip, clipPath, fmtInt } from '../../shared/errors';
import { refuseForbiddenKeys } from '../../shared/safe-keys';
import { withInputFile } from '../app/input-file';
import { MODEL_LIMITS } from '../engine/model-checks';

const MAGIC = Buffer.from('LSTM-STUDIO-MODEL\n', 'ascii');
/** The version of this layout; files of a newer one are refused with a message to update. */
export const ARCHIVE_VERSION = 1;
const PREFIX = MAGIC.length + 8;
const DIGEST = 32;
const MAX_HEADER = 1 << 20;

/** The header: what the file holds, and each entry's name and length, in file order. */
export interface ArchiveHeader {
  kind: 'lstm-studio-model-export';
  exportedAt: string;
  appVersion: string;
  model: { name: string; version: number; task: string };
  entries: { name: string; bytes: number }[];
}

/** Writes an archive atomically (a temporary file renamed into place). Returns its size and checksum. */
export function writeArchive(file: string, header: Omit<ArchiveHeader, 'entries'>, entries: { name: string; data: Buffer }[]): { bytes: number; sha256: string } {
  const full: ArchiveHeader = { ...header, entries: entries.map((e) => ({ name: e.name, bytes: e.data.length })) };
  const json = Buffer.from(JSON.stringify(full), 'utf8');
  const sizes = Buffer.alloc(8);
  sizes.writeUInt32BE(ARCHIVE_VERSION, 0);
  sizes.writeUInt32BE(json.length, 4);
  const body = Buffer.concat([MAGIC, sizes, json, ...entries.map((e) => e.data)]);
  const digest = createHash('sha256').update(body).digest();
  const target = path.resolve(file);
  const tmp = `${target}.tmp-${randomBytes(6).toString('hex')}`;
  try {
    fs.writeFileSync(tmp, Buffer.concat([body, digest]));
    fs.renameSync(tmp, target);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    const code = (err as { code?: string }).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EPERM' || code === 'EISDIR' || code === 'ENOSPC') {
      throw new UserError(`Cannot write the export to ${target} (${(err as Error).message}). Choose a folder that exists and that you can write to.`);
    }
    throw err;
  }
  return { bytes: body.length + DIGEST, sha256: digest.toString('hex') };
}

/** Limits of an export's parts, checked from its header before any part is read. */
export const ARCHIVE_LIMITS = {
  /** Parts in one export (model.json, weight files, metadata.json, registry.json). */
  entries: 1000,
  /** Each JSON part (model.json, metadata.json, registry.json with its drift reference). */
  jsonBytes: 64 * 1024 * 1024,
  /** All weight parts together: the model memory budget. */
  weightBytes: MODEL_LIMITS.weightBytes,
} as const;

const READ_CHUNK = 1 << 20;

/**
 * Reads and checks an archive without holding more than its parts: the signature, version and
 * header first, the header's parts against ARCHIVE_LIMITS and the file's size, then each part,
 * hashed as it is read, and the SHA-256 at the end. Returns the header and the parts by name.
 */
export function readArchive(file: string): { header: ArchiveHeader; entries: Map<string, Buffer> } {
  const target = path.resolve(file);
  if (!fs.existsSync(target)) throw new UserError(`No file at ${clipPath(target)}: check the path of the model export.`);
  const expected = 'an .lsmodel file written by `lstm-studio models export`';
  return withInputFile(target, { expected }, (fd, stat) => readOpenArchive(fd, stat.size, clipPath(path.basename(target))));
}

function readOpenArchive(fd: number, size: number, name: string): { header: ArchiveHeader; entries: Map<string, Buffer> } {
  const again = 'Export the model again (`lstm-studio models export NAME@VERSION --out FILE`) and copy the whole file.';
  const start = readAt(fd, 0, Math.min(size, 64));
  if (size < PREFIX) {
    if (size > 0 && MAGIC.subarray(0, Math.min(size, MAGIC.length)).equals(start.subarray(0, Math.min(size, MAGIC.length)))) {
      throw new UserError(`${name} is truncated: it has only ${fmtInt(size)} bytes, not even a complete header. ${again}`);
    }
    throw foreign(name, start);
  }
  if (!start.subarray(0, MAGIC.length).equals(MAGIC)) throw foreign(name, start);
  const version = start.readUInt32BE(MAGIC.length);
  if (version > ARCHIVE_VERSION) {
    throw new UserError(`${name} was exported by a newer LSTM Studio (export format ${version}; this version reads up to ${ARCHIVE_VERSION}). Update LSTM Studio to import it.`);
  }
  const headerBytes = start.readUInt32BE(MAGIC.length + 4);
  if (version < 1 || headerBytes === 0 || headerBytes > MAX_HEADER) throw damaged(name, 'its header length is impossible', again);
  if (PREFIX + headerBytes > size) throw truncated(name, size, PREFIX + headerBytes + DIGEST, again);
  const headerBuf = readAt(fd, PREFIX, headerBytes);
  let header: ArchiveHeader;
  try {
    header = JSON.parse(headerBuf.toString('utf8')) as ArchiveHeader;
  } catch {
    throw damaged(name, 'its header is not valid JSON', again);
  }
  refuseForbiddenKeys(header, `The header of ${name}`);
  if (header?.kind !== 'lstm-studio-model-export' || !Array.isArray(header.entries) || !header.entries.every((e) => typeof e?.name === 'string' && Number.isSafeInteger(e.bytes) && e.bytes >= 0)) {
    throw damaged(name, 'its header does not list the model\'s files', again);
  }
  checkLimits(header.entries, name);
  const expected = PREFIX + headerBytes + header.entries.reduce((a, e) => a + e.bytes, 0) + DIGEST;
  if (size < expected) throw truncated(name, size, expected, again);
  if (size > expected) throw damaged(name, `it has ${fmtInt(size - expected)} bytes more than its header lists`, again);
  const hash = createHash('sha256').update(start.subarray(0, PREFIX)).update(headerBuf);
  const entries = new Map<string, Buffer>();
  let at = PREFIX + headerBytes;
  for (const e of header.entries) {
    const data = Buffer.allocUnsafe(e.bytes);
    for (let done = 0; done < e.bytes; ) {
      const n = fs.readSync(fd, data, done, Math.min(READ_CHUNK, e.bytes - done), at + done);
      if (n === 0) throw new UserError(`${name} changed while it was being read. ${again}`);
      hash.update(data.subarray(done, done + n));
      done += n;
    }
    entries.set(e.name, data);
    at += e.bytes;
  }
  if (!hash.digest().equals(readAt(fd, at, DIGEST))) throw damaged(name, 'its SHA-256 checksum does not match its contents', again);
  return { header, entries };
}

/** Refuses an export whose header lists more or larger parts than a model has, before any is read. */
function checkLimits(entries: ArchiveHeader['entries'], name: string): void {
  const advice = 'It is not a model exported by LSTM Studio, or it is damaged.';
  if (entries.length > ARCHIVE_LIMITS.entries) throw new UserError(`${name} lists ${fmtInt(entries.length)} parts; an export has at most ${fmtInt(ARCHIVE_LIMITS.entries)}. ${advice}`);
  let weights = 0;
  for (const e of entries) {
    if (e.name.endsWith('.json')) {
      if (e.bytes > ARCHIVE_LIMITS.jsonBytes) throw new UserError(`${name}: its part ${clip(e.name, 40)} has ${fmtInt(e.bytes)} bytes; at most ${fmtInt(ARCHIVE_LIMITS.jsonBytes)} are read. ${advice}`);
    } else weights += e.bytes;
  }
  if (weights > ARCHIVE_LIMITS.weightBytes) {
    throw new UserError(`${name} holds ${fmtInt(weights)} bytes of weights; LSTM Studio loads models of at most ${fmtInt(ARCHIVE_LIMITS.weightBytes)} bytes. ${advice}`);
  }
}

/** Exactly `length` bytes at `position` (the caller checked the file is long enough). */
function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const n = fs.readSync(fd, buf, done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return buf.subarray(0, done);
}

function truncated(name: string, actual: number, expected: number, again: string): UserError {
  return new UserError(`${name} is truncated: it has ${fmtInt(actual)} bytes but the export is ${fmtInt(expected)} (an incomplete copy or download). ${again}`);
}

function damaged(name: string, why: string, again: string): UserError {
  return new UserError(`${name} is damaged: ${why}. ${again}`);
}

function foreign(name: string, buf: Buffer): UserError {
  const start = buf.subarray(0, 64).toString('latin1').trimStart();
  const what = start.startsWith('{')
    ? 'a JSON file. A Keras model converted to TensorFlow.js is imported from its model.json with --data, --task and --features'
    : buf.subarray(0, 2).toString('latin1') === 'PK'
      ? 'a zip archive, not an LSTM Studio export'
      : buf.length === 0
        ? 'empty'
        : 'not an LSTM Studio model export (it does not start with the export\'s signature)';
  return new UserError(`${name} is ${what}. Import a file written by \`lstm-studio models export\` (or the Export button).`);
}
