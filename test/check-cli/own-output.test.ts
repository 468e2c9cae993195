// tune check on tune's own output: no errors, and no warning tune did not already give.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => (out += t), err: (t) => (err += t), env: {}, isTTY: false });
  return { code, out, err };
}

const CASES: [string, string, string[]][] = [
  ['sync', 'gunicorn', ['--workload', 'cpu']],
  ['gthread', 'gunicorn', ['--workload', 'io', '--users', '60', '--lb-idle-timeout', '60', '--shutdown-grace', '30']],
  ['gevent', 'gunicorn', ['--workload', 'io', '--users', '2000']],
  ['uvicorn-worker', 'gunicorn', []],
  ['gthread', 'env', ['--db-max-connections', '12']],
  ['gevent', 'compose', []],
  ['uvicorn', 'compose', ['--db-max-connections', '40']],
  ['waitress', 'compose', ['--workload', 'io', '--users', '40']],
  ['uvicorn-worker', 'env', ['--preload']],
];

it.each(CASES)('%s as %s', async (cls, format, extra) => {
  const machine = ['--cpus', '2', '--mem', '2g', '--worker-mem', '200m', ...extra.filter((a) => a !== '--preload')];
  const tuneArgs = ['--class', cls, ...machine, ...(extra.includes('--preload') ? ['--preload'] : [])];
  const own = JSON.parse((await cli([...tuneArgs, '--format', 'json'])).out);
  const file = await cli([...tuneArgs, '--format', format]);
  expect(file.code, file.err).toBe(0);

  const dir = mkdtempSync(path.join(os.tmpdir(), 'tune-own-'));
  dirs.push(dir);
  const name = format === 'gunicorn' ? 'gunicorn.conf.py' : format === 'env' ? '.env' : 'compose.yaml';
  writeFileSync(path.join(dir, name), file.out);
  const cmd = format === 'env' ? ['--cmd', cls === 'uvicorn' ? 'uvicorn app:app' : 'gunicorn app:app'] : [];
  const checkArgs = ['check', '--dir', dir, ...cmd, ...machine.filter((a, i, all) => !(a === '--users' || all[i - 1] === '--users')), '--format', 'json'];
  const r = await cli(checkArgs);
  expect(r.code, r.err + r.out).toBe(0);
  const report = JSON.parse(r.out);
  const theirs = report.findings.filter((f: { severity: string }) => f.severity !== 'info').map((f: { code: string }) => f.code);
  const mine = own.warnings.map((w: { code: string }) => w.code);
  expect(theirs.filter((c: string) => !mine.includes(c))).toEqual([]);
  // The settings check resolves are the ones tune recommended.
  const settings = Object.fromEntries(Object.entries(report.targets[0].settings).map(([k, v]) => [k, (v as { value: unknown }).value]));
  for (const [k, v] of Object.entries(own.settings)) if (v !== null && k in settings) expect(`${k}=${settings[k]}`).toBe(`${k}=${v}`);
});
