// writeFileAtomic: never a half-written file, never a silent overwrite, never a stray temp file.
import * as fsMock from 'node:fs';
import { execFileSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WriteError, writeFileAtomic } from '../../src/io/atomic-write.js';

// Spies that behave like the real functions unless a test injects a failure.
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  return {
    ...actual,
    default: actual,
    openSync: vi.fn(actual.openSync),
    writeSync: vi.fn(actual.writeSync),
    statSync: vi.fn(actual.statSync),
    lstatSync: vi.fn(actual.lstatSync),
  };
});

const errno = (code: string) => Object.assign(new Error(`${code}: injected`), { code });

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'atomic-write-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  vi.clearAllMocks();
});

/** Temp files left in `d` by writeFileAtomic (they are named .<base>.<pid>.<random>.tmp). */
const tempFiles = (d: string) => readdirSync(d).filter((n) => n.endsWith('.tmp'));

function expectWriteError(fn: () => void, code: WriteError['code'], message: RegExp): WriteError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(WriteError);
  const err = caught as WriteError;
  expect(err.name).toBe('WriteError');
  expect(err.code).toBe(code);
  expect(err.message).toMatch(message);
  // One sentence: no line breaks, no stack-ish text.
  expect(err.message).not.toMatch(/\n/);
  return err;
}

describe('writeFileAtomic: writes, and overwrites only with force', () => {
  it('creates a new file with the content and mode 0644 (less the umask)', () => {
    const target = path.join(dir, 'gunicorn.conf.py');
    writeFileAtomic(target, 'workers = 3\n', { force: false });
    expect(readFileSync(target, 'utf8')).toBe('workers = 3\n');
    const umask = process.umask();
    expect(statSync(target).mode & 0o777).toBe(0o644 & ~umask);
    expect(tempFiles(dir)).toEqual([]);
  });

  it('writes multi-byte text exactly', () => {
    const target = path.join(dir, '.env');
    const text = '# ≤ 1.5× — naïve\nWEB_CONCURRENCY=3\n'.repeat(2000);
    writeFileAtomic(target, text, { force: false });
    expect(readFileSync(target, 'utf8')).toBe(text);
  });

  it('refuses an existing file without force, leaving it untouched (EXISTS)', () => {
    const target = path.join(dir, 'gunicorn.conf.py');
    writeFileSync(target, 'original\n');
    const err = expectWriteError(() => writeFileAtomic(target, 'new\n', { force: false }), 'EXISTS', /refusing to overwrite .*gunicorn\.conf\.py: it exists \(use --force\)/);
    expect(err.message).toContain(target);
    expect(readFileSync(target, 'utf8')).toBe('original\n');
    expect(tempFiles(dir)).toEqual([]);
  });

  it('loses the race atomically: a target created after the existence check is not overwritten', () => {
    const target = path.join(dir, 'docker-compose.yml');
    writeFileSync(target, 'theirs\n');
    // Pretend the target did not exist when checked, as if another process created it just after.
    vi.mocked(fsMock.lstatSync).mockImplementationOnce(() => {
      throw errno('ENOENT');
    });
    expectWriteError(() => writeFileAtomic(target, 'ours\n', { force: false }), 'EXISTS', /it exists \(use --force\)/);
    expect(readFileSync(target, 'utf8')).toBe('theirs\n');
    expect(tempFiles(dir)).toEqual([]);
  });

  it('replaces an existing file with force, keeping its mode', () => {
    const target = path.join(dir, 'run.sh');
    writeFileSync(target, 'old\n');
    chmodSync(target, 0o750);
    writeFileAtomic(target, 'new\n', { force: true });
    expect(readFileSync(target, 'utf8')).toBe('new\n');
    expect(statSync(target).mode & 0o777).toBe(0o750);
    expect(tempFiles(dir)).toEqual([]);
  });

  it('finishes a short write (writeSync may write fewer bytes than asked)', () => {
    const target = path.join(dir, 'gunicorn.conf.py');
    const text = 'a'.repeat(10_000);
    vi.mocked(fsMock.writeSync).mockImplementationOnce(((fd: number, buf: Buffer, off: number) => fsMock.writeSync(fd, buf, off, 1000)) as never);
    writeFileAtomic(target, text, { force: false });
    expect(readFileSync(target, 'utf8')).toBe(text);
  });
});

describe('writeFileAtomic: each failure one sentence with its code, nothing left behind', () => {
  it('reports a missing folder (NO_DIR)', () => {
    const target = path.join(dir, 'nope', 'gunicorn.conf.py');
    const err = expectWriteError(() => writeFileAtomic(target, 'x', { force: false }), 'NO_DIR', /does not exist/);
    expect(err.message).toContain(target);
    expect(err.message).toContain(path.join(dir, 'nope'));
    expect(readdirSync(dir)).toEqual([]);
  });

  it('reports a parent that is a file, not a folder (NO_DIR, ENOTDIR)', () => {
    const file = path.join(dir, 'plain-file');
    writeFileSync(file, 'i am a file\n');
    const target = path.join(file, '.env');
    const err = expectWriteError(() => writeFileAtomic(target, 'x', { force: true }), 'NO_DIR', /is not a folder/);
    expect(err.message).toContain(target);
    expect(readFileSync(file, 'utf8')).toBe('i am a file\n');
    expect(readdirSync(dir)).toEqual(['plain-file']);
  });

  // Root ignores directory permissions, so chmod 0555 cannot make a folder read-only for root; the
  // NOT_WRITABLE mapping is covered by the injected EACCES test below in every case.
  it.skipIf(process.getuid?.() === 0)('reports a read-only folder (NOT_WRITABLE) when not root', () => {
    const ro = path.join(dir, 'ro');
    mkdirSync(ro);
    chmodSync(ro, 0o555);
    try {
      const target = path.join(ro, 'gunicorn.conf.py');
      expectWriteError(() => writeFileAtomic(target, 'x', { force: false }), 'NOT_WRITABLE', /is not writable/);
      expect(readdirSync(ro)).toEqual([]);
    } finally {
      chmodSync(ro, 0o755);
    }
  });

  it('reports a folder it may not write to (NOT_WRITABLE, injected EACCES)', () => {
    const target = path.join(dir, 'gunicorn.conf.py');
    vi.mocked(fsMock.openSync).mockImplementationOnce(() => {
      throw errno('EACCES');
    });
    const err = expectWriteError(() => writeFileAtomic(target, 'x', { force: false }), 'NOT_WRITABLE', /not writable/);
    expect(err.message).toContain(target);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('reports a target that is a directory (IS_DIR), with and without force', () => {
    const target = path.join(dir, 'k8s');
    mkdirSync(target);
    for (const force of [false, true]) {
      expectWriteError(() => writeFileAtomic(target, 'x', { force }), 'IS_DIR', /k8s: it is a directory/);
      expect(statSync(target).isDirectory()).toBe(true);
      expect(readdirSync(target)).toEqual([]);
      expect(tempFiles(dir)).toEqual([]);
    }
  });

  it('reports a full disk (NO_SPACE), removes the temp file and keeps the old target', () => {
    const target = path.join(dir, '.env');
    writeFileSync(target, 'OLD=1\n');
    vi.mocked(fsMock.writeSync).mockImplementationOnce(() => {
      throw errno('ENOSPC');
    });
    expectWriteError(() => writeFileAtomic(target, 'NEW=1\n', { force: true }), 'NO_SPACE', /\.env: no space left on the device/);
    expect(readFileSync(target, 'utf8')).toBe('OLD=1\n');
    expect(tempFiles(dir)).toEqual([]);
  });

  it('maps anything else to OTHER with the system message', () => {
    const target = path.join(dir, 'x.yml');
    vi.mocked(fsMock.writeSync).mockImplementationOnce(() => {
      throw errno('EIO');
    });
    expectWriteError(() => writeFileAtomic(target, 'x', { force: false }), 'OTHER', /cannot write .*x\.yml: EIO/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('writeFileAtomic: only regular files, links followed', () => {
  it('updates the file a symlink points to, atomically; the link stays a link', () => {
    const real = path.join(dir, 'real.conf.py');
    const link = path.join(dir, 'gunicorn.conf.py');
    writeFileSync(real, 'old\n');
    symlinkSync('real.conf.py', link);
    expectWriteError(() => writeFileAtomic(link, 'new\n', { force: false }), 'EXISTS', /gunicorn\.conf\.py: it exists/);
    writeFileAtomic(link, 'new\n', { force: true });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('real.conf.py');
    expect(readFileSync(real, 'utf8')).toBe('new\n');
    expect(tempFiles(dir)).toEqual([]);
  });

  it('follows a chain of links, and a dangling link names the file to create', () => {
    mkdirSync(path.join(dir, 'conf'));
    symlinkSync('conf/target.env', path.join(dir, 'b'));
    symlinkSync('b', path.join(dir, 'a'));
    writeFileAtomic(path.join(dir, 'a'), 'X=1\n', { force: false });
    expect(readFileSync(path.join(dir, 'conf', 'target.env'), 'utf8')).toBe('X=1\n');
    expect(lstatSync(path.join(dir, 'a')).isSymbolicLink()).toBe(true);
    expect(lstatSync(path.join(dir, 'b')).isSymbolicLink()).toBe(true);
  });

  it('refuses a symlink loop with one sentence', () => {
    symlinkSync('loop2', path.join(dir, 'loop1'));
    symlinkSync('loop1', path.join(dir, 'loop2'));
    expectWriteError(() => writeFileAtomic(path.join(dir, 'loop1'), 'x', { force: true }), 'OTHER', /too many levels of symbolic links/);
  });

  it('refuses a FIFO, with and without force, and leaves it a FIFO', () => {
    const fifo = path.join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    for (const force of [false, true]) {
      expectWriteError(() => writeFileAtomic(fifo, 'x', { force }), 'NOT_REGULAR', /pipe: it is a FIFO \(named pipe\), not a regular file/);
      expect(lstatSync(fifo).isFIFO()).toBe(true);
    }
    // …also behind a link.
    symlinkSync('pipe', path.join(dir, 'to-pipe'));
    expectWriteError(() => writeFileAtomic(path.join(dir, 'to-pipe'), 'x', { force: true }), 'NOT_REGULAR', /FIFO/);
    expect(tempFiles(dir)).toEqual([]);
  });

  // mknod needs root (or CAP_MKNOD); CI runs as root.
  const asRoot = process.getuid?.() === 0;
  it.skipIf(!asRoot && !process.env.CI)('refuses a device node made in a temp folder, and leaves it a device', () => {
    const dev = path.join(dir, 'null');
    execFileSync('mknod', [dev, 'c', '1', '3']);
    expectWriteError(() => writeFileAtomic(dev, 'x', { force: true }), 'NOT_REGULAR', /null: it is a character device, not a regular file/);
    expect(lstatSync(dev).isCharacterDevice()).toBe(true);
    expect(tempFiles(dir)).toEqual([]);
  });
});
