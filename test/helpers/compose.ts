// docker-compose v1 as the tests ask it: `config` on a compose file, no Docker daemon needed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { DOCKER_COMPOSE, requireServer } from './installed.js';
import { run } from './processes.js';

export interface ComposeResult {
  rc: number;
  /** The resolved file docker-compose printed, parsed (null when it failed). */
  stdout: unknown;
  /** The same, as text. */
  raw: string;
  stderr: string;
}

/**
 * Write `yamlText` as docker-compose.yml in a temp project folder (with `envFile` as its .env, used for
 * ${VAR} interpolation, and any other `files`, e.g. those named by env_file:) and run
 * `docker-compose -f docker-compose.yml config`. No Docker daemon is needed.
 */
export function composeConfig(yamlText: string, opts: { envFile?: string; files?: Record<string, string>; env?: Record<string, string>; timeoutMs?: number } = {}): ComposeResult {
  requireServer('compose');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tune-compose-'));
  try {
    writeFileSync(path.join(dir, 'docker-compose.yml'), yamlText);
    if (opts.envFile !== undefined) writeFileSync(path.join(dir, '.env'), opts.envFile);
    for (const [name, text] of Object.entries(opts.files ?? {})) writeFileSync(path.join(dir, name), text);
    const r = run(DOCKER_COMPOSE, ['-f', 'docker-compose.yml', 'config'], { cwd: dir, env: opts.env, timeoutMs: opts.timeoutMs ?? 30_000 });
    let parsed: unknown = null;
    if (r.rc === 0) parsed = parseYaml(r.stdout);
    return { rc: r.rc, stdout: parsed, raw: r.stdout, stderr: r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

