// The real servers, as the acceptance tests drive them. In CI (CI=true) a missing server is an error,
// so a broken install fails the run instead of skipping the tests that prove the emitted files work.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const PYTHON = '/usr/bin/python3';
const canImport = (mod: string) => existsSync(PYTHON) && spawnSync(PYTHON, ['-c', `import ${mod}`], { stdio: 'ignore' }).status === 0;

export const have = {
  gunicorn: existsSync('/usr/bin/gunicorn') && canImport('gunicorn'),
  gevent: canImport('gevent'),
  uvicorn: canImport('uvicorn'),
  waitress: canImport('waitress'),
  flask: canImport('flask'),
  fastapi: canImport('fastapi'),
  compose: spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0,
};
if (process.env.CI) {
  const missing = Object.entries(have).filter(([, ok]) => !ok).map(([k]) => k);
  if (missing.length) throw new Error(`CI needs the real servers, missing: ${missing.join(', ')} (apt-get install gunicorn python3-gevent python3-waitress python3-uvicorn python3-flask python3-fastapi docker-compose)`);
}

/** A folder with a Flask app (wsgi_app:app) and a FastAPI app (asgi_app:app). */
export function appDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tune-accept-'));
  writeFileSync(path.join(dir, 'wsgi_app.py'), 'from flask import Flask\napp = Flask(__name__)\n\n@app.get("/")\ndef index():\n    return "ok"\n');
  writeFileSync(path.join(dir, 'asgi_app.py'), 'from fastapi import FastAPI\napp = FastAPI()\n\n@app.get("/")\nasync def index():\n    return "ok"\n');
  return dir;
}

export interface Ran {
  status: number;
  stdout: string;
  stderr: string;
}

export function run(cmd: string, args: string[], opts: { cwd: string; env?: Record<string, string>; timeoutMs?: number }): Ran {
  const r = spawnSync(cmd, args, {
    cwd: opts.cwd,
    env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), ...opts.env },
    encoding: 'utf8',
    timeout: opts.timeoutMs ?? 30_000,
  });
  return { status: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** `gunicorn --print-config` as a name → value map (its output is one `name = value` per line). */
export function gunicornPrintConfig(args: string[], opts: { cwd: string; env?: Record<string, string> }): Record<string, string> & { _status: string; _stderr: string } {
  const r = run('/usr/bin/gunicorn', ['--print-config', ...args], opts);
  const out: Record<string, string> = { _status: String(r.status), _stderr: r.stderr };
  for (const line of r.stdout.split('\n')) {
    const m = /^(\w+)\s+= (.*)$/.exec(line);
    if (m) out[m[1]!] = m[2]!;
  }
  return out as Record<string, string> & { _status: string; _stderr: string };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/**
 * Starts a server (in its own process group), waits until GET / answers, returns the status and the
 * process tree size, and always stops it.
 */
export async function startAndGet(cmd: string, args: string[], opts: { cwd: string; env?: Record<string, string>; port: number; timeoutMs?: number }): Promise<{ status: number; body: string; stderr: string; processes: number }> {
  const child = spawn(cmd, args, { cwd: opts.cwd, env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), ...opts.env }, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
  try {
    while (Date.now() < deadline) {
      if (child.exitCode !== null) break;
      try {
        const res = await fetch(`http://127.0.0.1:${opts.port}/`, { signal: AbortSignal.timeout(1000) });
        const body = await res.text();
        await new Promise((r) => setTimeout(r, 300)); // let every worker finish booting before counting
        return { status: res.status, body, stderr, processes: treeSize(child.pid!) };
      } catch {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    return { status: 0, body: '', stderr, processes: 0 };
  } finally {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
}

function treeSize(pid: number): number {
  const r = spawnSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' });
  const kids = new Map<number, number[]>();
  for (const line of r.stdout.trim().split('\n')) {
    const [p, pp] = line.trim().split(/\s+/).map(Number);
    kids.set(pp!, [...(kids.get(pp!) ?? []), p!]);
  }
  let n = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    n++;
    stack.push(...(kids.get(p) ?? []));
  }
  return n;
}
