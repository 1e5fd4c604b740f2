import { isAscii } from 'node:buffer';
import type { SniffResult } from '../../shared/import/sniff';
import { DelimitedParser, type LineHook } from '../../shared/import/delimited-parser';
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
 * Builds the byte -> text -> record pipeline for a sniffed file: decodes the encoding (skipping the
 * byte-order mark), skips the header row, and maps JSON records to fields by key. `warn` receives
 * notes such as keys that were not in the sample (ignored). `fast`, for delimited files, is offered
 * each data line before it is split (see LineHook).
 */
export function createRecordStream(sniffed: SniffResult, encoding: TextEncoding, bomBytes: number, warn: (w: string) => void, fast?: LineHook): RecordStream {
  const text = new TextDecoder(encoding);
  let skipBytes = bomBytes;
  // Plain ASCII chunks (most sensor files) are the same in UTF-8 and Latin-1, which Node copies into a
  // compact string without decoding; once a chunk is not ASCII the decoder keeps the rest.
  let ascii = encoding === 'utf-8' || encoding === 'windows-1252';
  const decode = (bytes: Buffer) => {
    if (skipBytes > 0) {
      const skip = Math.min(skipBytes, bytes.length);
      skipBytes -= skip;
      bytes = bytes.subarray(skip);
    }
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
    const hook: LineHook | undefined = fast && ((data, from, to, line) => !skipHeader && fast(data, from, to, line));
    return {
      push: (bytes, sink) => parser.push(decode(bytes), wrap(sink), hook),
      end: (sink) => {
        const rest = ascii ? '' : text.decode();
        if (rest) parser.push(rest, wrap(sink), hook);
        parser.end(wrap(sink), hook);
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
    sink(keys.map((k) => jsonFieldText(r[k])), line);
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
