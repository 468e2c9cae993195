// The committed catalogue is what the generator makes from the mirrors: rerun it into a temp folder
// and compare (only when the four mirrors are given: GUNICORN_GIT, UVICORN_GIT, UVICORN_WORKER_GIT, WAITRESS_GIT).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { PYTHON, baseEnv } from '../helpers/real-servers.js';

const VARS = ['GUNICORN_GIT', 'UVICORN_GIT', 'UVICORN_WORKER_GIT', 'WAITRESS_GIT'];
const ROOT = path.resolve(import.meta.dirname, '..', '..');

it.skipIf(VARS.some((v) => !process.env[v]))('scripts/servers/generate.py reproduces src/servers/{gunicorn,uvicorn,waitress}.ts', () => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'tune-catalogue-'));
  try {
    const env = baseEnv(Object.fromEntries(VARS.map((v) => [v, process.env[v]!])));
    const r = spawnSync(PYTHON, [path.join(ROOT, 'scripts/servers/generate.py'), '--out', out], { env, encoding: 'utf8', timeout: 300_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    for (const f of ['gunicorn.ts', 'uvicorn.ts', 'waitress.ts'])
      expect(readFileSync(path.join(out, f), 'utf8'), f).toBe(readFileSync(path.join(ROOT, 'src/servers', f), 'utf8'));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
