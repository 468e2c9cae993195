// Files are never half-written or silently overwritten: write a temporary file beside the target,
// flush it, then link it into place (fails atomically if the target exists) or rename over it (--force).
import { closeSync, fsyncSync, linkSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';

export type WriteErrorCode = 'EXISTS' | 'NO_DIR' | 'NOT_WRITABLE' | 'IS_DIR' | 'NO_SPACE' | 'OTHER';

export class WriteError extends Error {
  override name = 'WriteError';
  constructor(
    readonly code: WriteErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function writeFileAtomic(target: string, data: string, opts: { force: boolean }): void {
  const dir = path.dirname(path.resolve(target));
  const existing = statOrUndefined(target);
  if (existing?.isDirectory()) throw new WriteError('IS_DIR', `cannot write ${target}: it is a directory`);
  if (existing && !opts.force) throw new WriteError('EXISTS', `refusing to overwrite ${target}: it exists (use --force)`);

  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', existing ? existing.mode & 0o777 : 0o644);
    writeSync(fd, data);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    if (opts.force) renameSync(tmp, target);
    else {
      // link() refuses an existing target, so two writers cannot both win the race.
      linkSync(tmp, target);
      unlinkSync(tmp);
    }
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      /* never created, or already moved */
    }
    throw toWriteError(e as NodeJS.ErrnoException, target);
  }
}

function statOrUndefined(p: string) {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
}

function toWriteError(e: NodeJS.ErrnoException, target: string): WriteError {
  switch (e.code) {
    case 'EEXIST':
      return new WriteError('EXISTS', `refusing to overwrite ${target}: it exists (use --force)`);
    case 'ENOENT':
    case 'ENOTDIR':
      return new WriteError('NO_DIR', `cannot write ${target}: the folder ${path.dirname(target)} does not exist`);
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new WriteError('NOT_WRITABLE', `cannot write ${target}: the folder is not writable (${e.code})`);
    case 'EISDIR':
      return new WriteError('IS_DIR', `cannot write ${target}: it is a directory`);
    case 'ENOSPC':
    case 'EDQUOT':
      return new WriteError('NO_SPACE', `cannot write ${target}: no space left on the device`);
    default:
      return new WriteError('OTHER', `cannot write ${target}: ${e.message}`);
  }
}
