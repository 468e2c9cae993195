// Everything a command touches of its process, passed in: so the CLI runs in-process under test
// (the fuzz test drives it 10,000 times) exactly as it runs from the shell.
import { writeSync } from 'node:fs';
import { isatty } from 'node:tty';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  env: Record<string, string | undefined>;
  /** stdout is a terminal (colour, table width). */
  isTTY: boolean;
  columns?: number;
}

/**
 * The real process. Output goes straight to file descriptors 1 and 2: touching process.stdout builds a
 * stream (and loads net for a pipe), a measurable part of a cold `tune … --format env`.
 */
export function processIo(): Io {
  const tty = isatty(1);
  return {
    out: (t) => writeAll(1, t),
    err: (t) => writeAll(2, t),
    env: process.env,
    isTTY: tty,
    ...(tty && process.stdout.columns ? { columns: process.stdout.columns } : {}),
  };
}

function writeAll(fd: number, text: string): void {
  const buf = Buffer.from(text, 'utf8');
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(fd, buf, off, buf.length - off);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // A non-blocking pipe that is full: wait for the reader.
      if (code === 'EAGAIN') continue;
      // `tune … | head` closed the pipe: the rest is not wanted, and that is not an error of ours.
      if (code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    }
  }
}
