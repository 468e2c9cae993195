// The server versions that will run: --gunicorn-version / --uvicorn-version, else the project's pins
// (requirements, pyproject, lock files in the current folder), decide the class paths tune emits.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tune } from './run.js';

const M = ['--cpus', '2', '--mem', '1g'];
const dirs: string[] = [];
function project(files: Record<string, string>): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'tune-pins-'));
  dirs.push(d);
  for (const [f, text] of Object.entries(files)) writeFileSync(path.join(d, f), text);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('--class asgi: gunicorn 24 and later', () => {
  it("emits gunicorn's own worker, says why, and that its figures stand in", () => {
    const r = tune([...M, '--class', 'asgi', '--format', 'gunicorn', '--gunicorn-version', '25.0.0']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('worker_class = "asgi"\n');
    expect(r.stdout).toContain('from gunicorn 24.0.0: 25.0.0 has it; it does not bound connections');
    expect(r.stdout).toContain('--class asgi --workload mixed --gunicorn-version 25.0.0');
    const table = tune([...M, '--class', 'asgi']);
    expect(table.stdout).toContain("asgi's memory and rate are not measured yet: the model uses uvicorn-worker's figures for it.");
  });
  it('is refused for a gunicorn without it, given or pinned, saying where the version came from', () => {
    const given = tune([...M, '--class', 'asgi', '--gunicorn-version', '23.0.0']);
    expect(given.status).toBe(2);
    expect(given.stderr).toBe("tune: --class: asgi is gunicorn's own ASGI worker, from gunicorn 24.0.0; gunicorn 23.0.0 has none (use uvicorn-worker)\n");
    const cwd = project({ 'requirements.txt': 'flask==3.1.1\ngunicorn==23.0.0\n' });
    const pinned = tune([...M, '--class', 'asgi'], { cwd });
    expect(pinned.status).toBe(2);
    expect(pinned.stderr).toContain('gunicorn 23.0.0 has none (use uvicorn-worker); the project pins gunicorn 23.0.0 (==23.0.0 in requirements.txt)');
    expect(tune([...M, '--class', 'asgi', '--gunicorn-version', '24.0.0'], { cwd }).status).toBe(0);
    // Where the version changes nothing, the pin is not mentioned, and another error does not name it.
    expect(tune([...M, '--class', 'gthread', '--format', 'env'], { cwd }).stderr).toBe('');
    expect(tune(['--cpus', '2', '--mem', '2048', '--class', 'asgi'], { cwd }).stderr).toBe('tune: --mem: "2048" has no unit, so it is read as 2048 bytes: did you mean 2048m?\n');
  });
});

describe('uvicorn-worker: the class path the installed uvicorn has', () => {
  it('uvicorn below 0.30 gets uvicorn.workers.UvicornWorker; 0.30 and later the uvicorn-worker package', () => {
    const old = tune([...M, '--class', 'uvicorn-worker', '--uvicorn-version', '0.29.0', '--format', 'env']);
    expect(old.stdout).toContain('--worker-class=uvicorn.workers.UvicornWorker ');
    const current = tune([...M, '--class', 'uvicorn-worker', '--uvicorn-version', '0.34.2', '--format', 'env']);
    expect(current.stdout).toContain('--worker-class=uvicorn_worker.UvicornWorker ');
  });
  it('reads the pin from pyproject.toml and says so on stderr; a flag wins over the pin', () => {
    const cwd = project({ 'pyproject.toml': '[project]\nname = "api"\ndependencies = ["fastapi>=0.110", "uvicorn[standard]==0.29.0"]\n' });
    const r = tune([...M, '--class', 'uvicorn-worker', '--format', 'env'], { cwd });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('--worker-class=uvicorn.workers.UvicornWorker ');
    expect(r.stderr).toBe('tune: the project pins uvicorn 0.29.0 (==0.29.0 in pyproject.toml): settings for that version (--gunicorn-version / --uvicorn-version to change)\n');
    const flag = tune([...M, '--class', 'uvicorn-worker', '--uvicorn-version', '0.31.0', '--format', 'env'], { cwd });
    expect(flag.stdout).toContain('--worker-class=uvicorn_worker.UvicornWorker ');
    expect(flag.stderr).toBe('tune: warning: uvicorn_worker.UvicornWorker is in the uvicorn-worker package, which uvicorn 0.31.0 does not install: pip install uvicorn-worker beside it.\n');
  });
  it('a version that is not one is bad input', () => {
    const r = tune([...M, '--uvicorn-version', 'latest']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('tune: --uvicorn-version: must be a version such as 23.0.0 or 0.30\n');
  });
});

describe('gevent under gunicorn 24 and later', () => {
  it('says that gevent 24.10.1 is needed (gunicorn refuses to load its worker under an older one)', () => {
    const r = tune([...M, '--class', 'gevent', '--gunicorn-version', '26.1.0']);
    expect(r.stdout).toContain("gunicorn 26.1.0's gevent worker refuses to load under gevent older than 24.10.1");
    expect(tune([...M, '--class', 'gevent', '--gunicorn-version', '23.0.0']).stdout).not.toContain('refuses to load');
    // A pin says so on stderr only where it matters: gunicorn 26 for gevent, not 23; no pin, no word.
    const pinned = (v: string) => tune([...M, '--class', 'gevent', '--format', 'env'], { cwd: project({ 'requirements.txt': `gunicorn==${v}\n` }) });
    expect(pinned('26.1.0').stderr).toContain('the project pins gunicorn 26.1.0 (==26.1.0 in requirements.txt)');
    expect(pinned('23.0.0').stderr).toBe('');
    expect(tune([...M, '--class', 'gevent', '--format', 'env']).status).toBe(0);
  });
});

