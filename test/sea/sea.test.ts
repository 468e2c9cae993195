// The single executable (npm run build:sea) on a machine without Node: copied alone into an empty
// folder, run with a PATH on which there is no node, it prints what the npm bin prints, byte for byte,
// presets included (they travel inside it).
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tune } from '../cli/run.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
let dir: string;
let exe: string;
let env: Record<string, string>;

beforeAll(() => {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-sea.mjs')], { stdio: 'inherit' });
  dir = mkdtempSync(path.join(os.tmpdir(), 'tune-sea-'));
  mkdirSync(path.join(dir, 'bin'));
  exe = path.join(dir, 'tune');
  copyFileSync(path.join(ROOT, 'dist-sea', 'tune'), exe);
  execFileSync('chmod', ['755', exe]);
  // An empty bin folder is the whole PATH: no node, no npm, nothing else of this machine's.
  env = { PATH: path.join(dir, 'bin'), HOME: dir, NO_COLOR: '1' };
}, 300_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function sea(args: string[], cwd = dir) {
  const r = spawnSync(exe, args, { cwd, env, encoding: 'utf8', timeout: 30_000 });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('dist-sea/tune, alone in a folder with no node on PATH', () => {
  it('the folder holds the one file, and node is nowhere on its PATH', () => {
    expect(readdirSync(dir).sort()).toEqual(['bin', 'tune']);
    expect(spawnSync('node', ['-e', '0'], { env }).error?.message).toMatch(/ENOENT/);
    expect(sea(['--version'])).toEqual({ status: 0, stdout: '0.1.0\n', stderr: '' });
  });

  it.each([
    [['--cpus', '4', '--mem', '2g']],
    [['--cpus', '2', '--mem', '1g', '--class', 'sync', '--format', 'gunicorn']],
    [['--preset', 'heroku-standard-2x', '--class', 'uvicorn-worker', '--format', 'env']],
    [['--preset', 'cloud-run-1cpu-512mi', '--class', 'uvicorn', '--format', 'k8s']],
    [['--cpus', '1', '--mem', '1g', '--class', 'waitress', '--workload', 'io', '--users', '50', '--format', 'waitress']],
    [['--cpus', '1', '--mem', '128m', '--class', 'sync', '--format', 'compose']],
    [['presets']],
    [['presets', '--json']],
    [['--preset', 'heroku']],
    [['--cpus', 'abc']],
    [['--help']],
  ])('tune %s: the same as the npm bin', (args) => {
    const npmBin = tune(args, { cwd: dir });
    expect(sea(args)).toEqual(npmBin);
  });

  it('tune check reads a project’s files', () => {
    const project = path.join(dir, 'project');
    mkdirSync(project);
    writeFileSync(path.join(project, 'gunicorn.conf.py'), 'import multiprocessing\nworkers = multiprocessing.cpu_count() * 2 + 1\nworker = 3\n');
    const args = ['check', '--cpus', '2', '--mem', '1g'];
    const r = sea(args, project);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('did you mean workers');
    expect(r).toEqual(tune(args, { cwd: project }));
  });
});
