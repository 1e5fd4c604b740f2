/** Where the CLI writes: the process's streams in use, string buffers in tests. */

/** A writable text stream; `isTTY` and `columns` are set for terminals. */
export interface OutStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** The CLI's surroundings, passed in so commands can be run and checked in-process. */
export interface CliIo {
  stdout: OutStream;
  stderr: OutStream;
  env: NodeJS.ProcessEnv;
}

/** The real process's streams and environment. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env };
}

/** Prints one JSON document on stdout (the only thing `--json` commands print there). */
export function printJson(io: CliIo, value: unknown): void {
  io.stdout.write(JSON.stringify(value, null, 2) + '\n');
}
