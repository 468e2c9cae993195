// Files are never half-written or silently overwritten: write a temporary file beside the target,
// flush it, then link it into place (fails atomically if the target exists) or rename over it (--force).
// Only regular files are written: a symlink is followed to the file it names (the link stays a link);
// a device, FIFO or socket is refused, because renaming a regular file over it replaces it — as root,
// `--out /dev/null --force` would replace /dev/null itself.
import { closeSync, fchmodSync, fsyncSync, linkSync, lstatSync, openSync, readlinkSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import type { Stats } from 'node:fs';
import path from 'node:path';

export type WriteErrorCode = 'EXISTS' | 'NO_DIR' | 'NOT_WRITABLE' | 'IS_DIR' | 'NOT_REGULAR' | 'NO_SPACE' | 'OTHER';

/** A file could not be written; `message` is one sentence naming the path and the reason. */
export class WriteError extends Error {
  override name = 'WriteError';
  constructor(
    readonly code: WriteErrorCode,
    message: string,
  ) {
    super(message);
  }
}

// Linux's own limit on symlinks followed in one path resolution (MAXSYMLINKS, path_resolution(7)).
const MAX_SYMLINKS = 40;

/**
 * Where a write to `target` lands, and what is there now: symlinks are followed (a dangling one names
 * the file to create), so the write replaces the file a link points to and never the link itself.
 */
function resolveTarget(target: string): { file: string; existing: Stats | undefined } {
  let file = path.resolve(target);
  for (let i = 0; i <= MAX_SYMLINKS; i++) {
    const st = lstatOrUndefined(file);
    if (!st?.isSymbolicLink()) return { file, existing: st };
    file = path.resolve(path.dirname(file), readlinkSync(file));
  }
  throw new WriteError('OTHER', `cannot write ${target}: too many levels of symbolic links`);
}

/** The refusals a write would make, without writing: callers check before costly work (calibrate). */
export function checkWritable(target: string, opts: { force: boolean }): string {
  const { file, existing } = resolveTarget(target);
  if (existing?.isDirectory()) throw new WriteError('IS_DIR', `cannot write ${target}: it is a directory`);
  if (existing && !existing.isFile())
    throw new WriteError('NOT_REGULAR', `cannot write ${target}: it is ${kindOf(existing)}, not a regular file; --out writes regular files only (redirect instead: tune … > ${target})`);
  if (existing && !opts.force) throw new WriteError('EXISTS', `refusing to overwrite ${target}: it exists (use --force)`);
  return file;
}

/**
 * Write `data` (UTF-8) to `target` atomically: readers see the old file or the whole new one, never
 * a part. Without `force` an existing target is never replaced, even when another process creates it
 * at the same moment (link(2) refuses an existing name). On failure the temporary file is removed,
 * any existing target is untouched, and a WriteError is thrown.
 */
export function writeFileAtomic(target: string, data: string, opts: { force: boolean }): void {
  const file = checkWritable(target, opts);
  const existing = lstatOrUndefined(file);
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`);
  let fd: number | undefined;
  let created = false;
  try {
    fd = openSync(tmp, 'wx', 0o644);
    created = true;
    // Keep the mode of the file being replaced (exactly, whatever the umask); new files get 0o644 less the umask.
    if (existing) fchmodSync(fd, existing.mode & 0o7777);
    const buf = Buffer.from(data, 'utf8');
    for (let off = 0; off < buf.length; ) off += writeSync(fd, buf, off, buf.length - off);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    if (opts.force) renameSync(tmp, file);
    else {
      // link() refuses an existing target, so two writers cannot both win the race.
      linkSync(tmp, file);
      unlinkSync(tmp);
    }
    created = false;
  } catch (e) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        /* already closed */
      }
    }
    if (created) {
      try {
        unlinkSync(tmp);
      } catch {
        /* already moved or gone */
      }
    }
    // Name the folder as the user wrote it, unless a link led elsewhere.
    throw toWriteError(e as NodeJS.ErrnoException, target, file === path.resolve(target) ? path.dirname(target) : dir);
  }
  fsyncDir(dir);
}

function lstatOrUndefined(p: string): Stats | undefined {
  try {
    return lstatSync(p);
  } catch {
    return undefined; // missing, or a parent is not a folder: the open reports it
  }
}

function kindOf(st: Stats): string {
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Make the new directory entry durable; best effort (some file systems refuse to fsync a directory). */
function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    /* not supported here; the data itself was fsynced */
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function toWriteError(e: NodeJS.ErrnoException, target: string, folder: string): WriteError {
  if (e instanceof WriteError) return e;
  switch (e.code) {
    case 'EEXIST':
      return new WriteError('EXISTS', `refusing to overwrite ${target}: it exists (use --force)`);
    case 'ENOENT':
      return new WriteError('NO_DIR', `cannot write ${target}: the folder ${folder} does not exist`);
    case 'ENOTDIR':
      return new WriteError('NO_DIR', `cannot write ${target}: ${folder} is not a folder`);
    case 'EACCES':
    case 'EPERM':
      return new WriteError('NOT_WRITABLE', `cannot write ${target}: the folder ${folder} is not writable`);
    case 'EROFS':
      return new WriteError('NOT_WRITABLE', `cannot write ${target}: the folder ${folder} is on a read-only file system`);
    case 'EISDIR':
      return new WriteError('IS_DIR', `cannot write ${target}: it is a directory`);
    case 'ENOSPC':
    case 'EDQUOT':
      return new WriteError('NO_SPACE', `cannot write ${target}: no space left on the device`);
    default:
      return new WriteError('OTHER', `cannot write ${target}: ${e.message}`);
  }
}
