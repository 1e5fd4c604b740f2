import { isAscii } from 'node:buffer';
import type { SniffResult } from '../../shared/import/sniff';
import { DelimitedParser, type ByteLineHook } from '../../shared/import/delimited-parser';
import { JsonArraySplitter, JsonLinesSplitter, jsonFieldText } from '../../shared/import/json-records';
import type { TextEncoding } from './file-sample';

/** Receives one record as text fields in column order, with its line number. */
export type FieldSink = (fields: string[], line: number) => void;

/** Turns raw file bytes into records of text fields, whatever the file type. */
export interface RecordStream {
  push(bytes: Buffer, sink: FieldSink): void;
  end(sink: FieldSink): void;
}

/**
 * Decodes whole lines or fields of an ASCII-compatible encoding (UTF-8, Windows-1252), one call each.
 * Windows-1252 is decoded in streaming mode (it has no state across calls): Node 20's one-shot decode
 * of it is Latin-1's, which turns bytes 0x80-0x9F (such as the euro sign) into control characters.
 */
export function bytesToText(encoding: 'utf-8' | 'windows-1252'): (b: Uint8Array, from: number, to: number) => string {
  const decoder = new TextDecoder(encoding, { ignoreBOM: true });
  const stream = { stream: encoding === 'windows-1252' };
  return (b, from, to) => decoder.decode(b.subarray(from, to), stream);
}

/**
 * Builds the byte -> text -> record pipeline for a sniffed file: decodes the encoding (skipping the
 * byte-order mark), skips the header row, and maps JSON records to fields by key. `warn` receives
 * notes such as keys that were not in the sample (ignored). `fast`, for delimited files in UTF-8 or
 * Windows-1252 (read as bytes), is offered each data line before it is turned into text and split
 * (see ByteLineHook).
 */
export function createRecordStream(sniffed: SniffResult, encoding: TextEncoding, bomBytes: number, warn: (w: string) => void, fast?: ByteLineHook): RecordStream {
  const text = new TextDecoder(encoding);
  let skipBytes = bomBytes;
  // Plain ASCII chunks (most sensor files) are the same in UTF-8 and Latin-1, which Node copies into a
  // compact string without decoding; once a chunk is not ASCII the decoder keeps the rest.
  let ascii = encoding === 'utf-8' || encoding === 'windows-1252';
  const skipBom = (bytes: Buffer) => {
    if (skipBytes === 0) return bytes;
    const skip = Math.min(skipBytes, bytes.length);
    skipBytes -= skip;
    return bytes.subarray(skip);
  };
  const decode = (raw: Buffer) => {
    const bytes = skipBom(raw);
    if (ascii && isAscii(bytes)) return bytes.toString('latin1');
    ascii = false;
    return text.decode(bytes, { stream: true });
  };
  const o = sniffed.options;
  if (o.fileType === 'delimited') {
    const parser = new DelimitedParser(o.delimiter ?? ',');
    let skipHeader = o.header;
    const wrap = (sink: FieldSink): FieldSink => (fields, line) => {
      if (skipHeader) skipHeader = false;
      else sink(fields, line);
    };
    if (encoding === 'utf-8' || encoding === 'windows-1252') {
      // UTF-8 and Windows-1252 keep line breaks, quotes and delimiters as single bytes: lines are found
      // in the bytes, and only those the fast path does not take become text (a whole line at a time).
      const text = bytesToText(encoding);
      const hook: ByteLineHook | undefined = fast && ((b, from, to, line) => !skipHeader && fast(b, from, to, line));
      return {
        push: (bytes, sink) => parser.pushBytes(skipBom(bytes), text, wrap(sink), hook),
        end: (sink) => parser.end(wrap(sink), text, hook),
      };
    }
    return {
      push: (bytes, sink) => parser.push(decode(bytes), wrap(sink)),
      end: (sink) => {
        const rest = text.decode();
        if (rest) parser.push(rest, wrap(sink));
        parser.end(wrap(sink));
      },
    };
  }
  const keys = sniffed.jsonKeys ?? [];
  const known = new Set(keys);
  const toFields = (sink: FieldSink) => (record: unknown, line: number) => {
    const r = record as Record<string, unknown>;
    for (const k in r) {
      if (!known.has(k)) {
        known.add(k);
        warn(`Key "${k}" first appears at line ${line}, after the sampled records: it was ignored. Put it in the first records to import it.`);
      }
    }
    sink(keys.map((k) => jsonFieldText(r[k], k, line)), line);
  };
  if (o.fileType === 'json') {
    const splitter = new JsonArraySplitter();
    return {
      push: (bytes, sink) => splitter.push(decode(bytes), toFields(sink)),
      end: (sink) => {
        const rest = text.decode();
        if (rest) splitter.push(rest, toFields(sink));
        splitter.end();
      },
    };
  }
  const lines = new JsonLinesSplitter();
  return {
    push: (bytes, sink) => lines.push(decode(bytes), toFields(sink)),
    end: (sink) => {
      const rest = text.decode();
      if (rest) lines.push(rest, toFields(sink));
      lines.end(toFields(sink));
    },
  };
}
