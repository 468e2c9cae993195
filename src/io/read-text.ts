// The one way the CLI reads a file the user named: a regular file, at most 1 MiB, UTF-8 text.
// Anything else (a directory, /dev/zero, a symlink loop, a binary) is one clear sentence, not a hang
// or a stack trace.
import { readFileSync, statSync } from 'node:fs';

// Configuration files are a few KiB; past this a file is not one.
export const MAX_TEXT_BYTES = 1024 * 1024;

class ReadError extends Error {
  override name = 'ReadError';
}

export function readTextFile(file: string): string {
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new ReadError('is a directory, not a file');
    if (!st.isFile()) throw new ReadError('is not a regular file');
    size = st.size;
  } catch (e) {
    throw e instanceof ReadError ? e : new ReadError(reason(e as NodeJS.ErrnoException));
  }
  if (size > MAX_TEXT_BYTES) throw new ReadError(`${size} bytes is over the ${MAX_TEXT_BYTES}-byte limit for a configuration file`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new ReadError(reason(e as NodeJS.ErrnoException));
  }
  if (bytes.includes(0)) throw new ReadError('is a binary file (it contains NUL bytes)');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new ReadError('is not valid UTF-8 text');
  }
}

function reason(e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'ENOENT':
      return 'no such file';
    case 'ELOOP':
      return 'a symbolic link loop';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a path component is not a directory';
    case 'ENAMETOOLONG':
      return 'the path is too long';
    case 'EISDIR':
      return 'is a directory, not a file';
    default:
      return e.code ?? 'cannot be read';
  }
}
