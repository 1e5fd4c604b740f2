/**
 * The one-file model export (`.lsmodel`): a magic line, the format version, a JSON header that
 * lists the entries and their lengths, the entries' bytes, and a SHA-256 of everything before it.
 *
 *   "LSTM-STUDIO-MODEL\n" | u32 BE format version | u32 BE header length | header JSON | entries | sha256
 *
 * Reading checks each part in turn, so a foreign, truncated or damaged file is refused with a
 * message that says which it is and what to do.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError, fmtInt } from '../../shared/errors';
import { refuseForbiddenKeys } from '../../shared/safe-keys';

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

/** Reads and checks an archive; returns its header and entries by name. */
export function readArchive(file: string): { header: ArchiveHeader; entries: Map<string, Buffer> } {
  const target = path.resolve(file);
  if (!fs.existsSync(target) || !fs.statSync(target).isFile()) throw new UserError(`No file at ${target}: check the path of the model export.`);
  const buf = fs.readFileSync(target);
  const name = path.basename(target);
  const again = 'Export the model again (`lstm-studio models export NAME@VERSION --out FILE`) and copy the whole file.';
  if (buf.length < PREFIX) {
    if (buf.length > 0 && MAGIC.subarray(0, Math.min(buf.length, MAGIC.length)).equals(buf.subarray(0, Math.min(buf.length, MAGIC.length)))) {
      throw new UserError(`${name} is truncated: it has only ${fmtInt(buf.length)} bytes, not even a complete header. ${again}`);
    }
    throw foreign(name, buf);
  }
  if (!buf.subarray(0, MAGIC.length).equals(MAGIC)) throw foreign(name, buf);
  const version = buf.readUInt32BE(MAGIC.length);
  if (version > ARCHIVE_VERSION) {
    throw new UserError(`${name} was exported by a newer LSTM Studio (export format ${version}; this version reads up to ${ARCHIVE_VERSION}). Update LSTM Studio to import it.`);
  }
  const headerBytes = buf.readUInt32BE(MAGIC.length + 4);
  if (version < 1 || headerBytes === 0 || headerBytes > MAX_HEADER) throw damaged(name, 'its header length is impossible', again);
  if (PREFIX + headerBytes > buf.length) throw truncated(name, buf.length, PREFIX + headerBytes + DIGEST, again);
  let header: ArchiveHeader;
  try {
    header = JSON.parse(buf.subarray(PREFIX, PREFIX + headerBytes).toString('utf8')) as ArchiveHeader;
  } catch {
    throw damaged(name, 'its header is not valid JSON', again);
  }
  refuseForbiddenKeys(header, `The header of ${name}`);
  if (header?.kind !== 'lstm-studio-model-export' || !Array.isArray(header.entries) || !header.entries.every((e) => typeof e?.name === 'string' && Number.isInteger(e.bytes) && e.bytes >= 0)) {
    throw damaged(name, 'its header does not list the model\'s files', again);
  }
  const expected = PREFIX + headerBytes + header.entries.reduce((a, e) => a + e.bytes, 0) + DIGEST;
  if (buf.length < expected) throw truncated(name, buf.length, expected, again);
  if (buf.length > expected) throw damaged(name, `it has ${fmtInt(buf.length - expected)} bytes more than its header lists`, again);
  const digest = createHash('sha256').update(buf.subarray(0, expected - DIGEST)).digest();
  if (!digest.equals(buf.subarray(expected - DIGEST))) throw damaged(name, 'its SHA-256 checksum does not match its contents', again);
  const entries = new Map<string, Buffer>();
  let at = PREFIX + headerBytes;
  for (const e of header.entries) {
    entries.set(e.name, buf.subarray(at, at + e.bytes));
    at += e.bytes;
  }
  return { header, entries };
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
