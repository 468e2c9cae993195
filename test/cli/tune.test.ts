import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseDotenv } from 'dotenv';
import { describe, expect, it } from 'vitest';
import { STACK, tune } from './run.js';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'tune-cli-'));
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PRESETS_DIR = path.join(ROOT, 'presets');
const PACKAGE_VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

describe('tune (recommend)', () => {
  it('json: one document on stdout, nothing on stderr, exit 0', () => {
    const r = tune(['--cpus', '4', '--mem', '2g', '--class', 'gthread', '--format', 'json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(['input', 'server', 'workerClass', 'settings', 'memory', 'capacity', 'rationale', 'warnings']);
    expect(doc.settings).toMatchObject({ workers: 4, threads: 3, worker_class: 'gthread' });
    expect(doc.memory).toMatchObject({ budgetBytes: 2 * 2 ** 30, fits: true, perWorkerSource: 'default' });
    expect(doc.input).toMatchObject({ cpusSource: 'given', memSource: 'given' });
  });

  it('env: lines a dotenv reader takes as they are; warnings only on stderr', () => {
    const r = tune(['--cpus', '2', '--mem', '2g', '--class', 'gthread', '--workload', 'io', '--users', '40', '--format', 'env']);
    expect(r.status).toBe(0);
    const env = parseDotenv(r.stdout);
    expect(env.WEB_CONCURRENCY).toBe('2');
    expect(env.GUNICORN_CMD_ARGS).toContain('--threads=28');
    expect(env.GUNICORN_CMD_ARGS).toContain('--worker-class=gthread');
    for (const line of r.stdout.split('\n').filter(Boolean)) expect(line).toMatch(/^(#|[A-Z_]+=)/);
    expect(r.stderr).toMatch(/^tune: warning: /m);
  });

  it('table: a report with the reasons under --explain, without colour under NO_COLOR', () => {
    const r = tune(['--cpus', '4', '--mem', '2g', '--class', 'gthread', '--explain']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/workers\s*│\s*4/);
    expect(r.stdout).toContain('One process per core');
    expect(r.stdout).toContain('(2 × cores) + 1 = 9');
    expect(r.stdout).not.toMatch(/\x1b\[/);
    const forced = tune(['--cpus', '4', '--mem', '2g'], { env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    expect(forced.stdout).toMatch(/\x1b\[/);
    expect(tune(['--cpus', '4', '--mem', '2g', '--no-color'], { env: { NO_COLOR: '', FORCE_COLOR: '1' } }).stdout).not.toMatch(/\x1b\[/);
  });

  it('exit 1 and no file when not even one worker fits', () => {
    const env = tune(['--cpus', '1', '--mem', '128m', '--class', 'sync', '--format', 'env']);
    expect(env.status).toBe(1);
    expect(env.stdout).toBe('');
    expect(env.stderr).toMatch(/Not even one worker fits/);
    const json = tune(['--cpus', '1', '--mem', '128m', '--class', 'sync', '--format', 'json']);
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stdout).memory.fits).toBe(false);
  });

  it.each([
    [['--cpus', 'abc'], /^tune: --cpus: "abc" is not a CPU count/],
    [['--mem', '2 gigs'], /^tune: --mem: /],
    [['--class', 'eventlet'], /^tune: --class: must be one of/],
    [['--format', 'yaml'], /^tune: --format: must be one of/],
    [['--bogus'], /unknown option '--bogus'/],
    [['--cpus'], /argument missing/],
    [['--class', 'waitress', '--format', 'gunicorn'], /gunicorn format is for gunicorn classes/],
    [['--class', 'gthread', '--format', 'uvicorn'], /uvicorn format is for --class uvicorn/],
    [['--preset', 'nope'], /no preset "nope"/],
    [['--force'], /--force only applies with --out/],
    [['--app', 'x:app"\nimport os'], /--app: must look like module:attribute/],
  ])('bad usage %j: one line, exit 2, no stack trace', (args, message) => {
    const r = tune(['--cpus', '2', '--mem', '1g', ...args]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(STACK);
  });

  it('--help lists the commands, --version prints the version in package.json; both exit 0', () => {
    const help = tune(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: tune \[options\] \[command\]\n/);
    expect([...help.stdout.matchAll(/^ {2}(\w+) \[options\]/gm)].map((m) => m[1])).toEqual(['check', 'calibrate', 'inspect', 'presets']);
    const version = tune(['--version']);
    expect(version.status).toBe(0);
    expect(version.stdout).toBe(`${PACKAGE_VERSION}\n`);
  });
});

describe('input layers: flags > TUNE_* > --env-file > preset > defaults', () => {
  const json = (args: string[], env: Record<string, string> = {}) => {
    const r = tune([...args, '--format', 'json'], { env });
    expect(r.stderr).toBe('');
    return JSON.parse(r.stdout).input;
  };
  it('a preset fills the machine and names itself as the source', () => {
    expect(json(['--preset', 'aws-t3-small'])).toMatchObject({ cpus: 2, memBytes: 2 * 2 ** 30, cpusSource: 'preset aws-t3-small', lbIdleTimeout: 60 });
  });
  it('the environment beats the preset, flags beat both', () => {
    expect(json(['--preset', 'aws-t3-small'], { TUNE_CPUS: '4' })).toMatchObject({ cpus: 4, cpusSource: 'environment' });
    expect(json(['--preset', 'aws-t3-small', '--cpus', '1'], { TUNE_CPUS: '4' })).toMatchObject({ cpus: 1, cpusSource: 'given' });
  });
  it('--env-file sits between the environment and the preset', () => {
    const dir = tmp();
    const file = path.join(dir, '.env');
    writeFileSync(file, 'TUNE_CPUS=3\nTUNE_WORKLOAD=io\nTUNE_PRESET=aws-t3-small\nDATABASE_URL=postgres://x\n');
    expect(json(['--env-file', file])).toMatchObject({ cpus: 3, workload: 'io', memBytes: 2 * 2 ** 30 });
    expect(json(['--env-file', file], { TUNE_CPUS: '2' })).toMatchObject({ cpus: 2 });
  });
  it('names the layer a bad value came from', () => {
    expect(tune(['--mem', '1g'], { env: { TUNE_CPUS: 'lots' } }).stderr).toMatch(/^tune: TUNE_CPUS: /);
    const dir = tmp();
    writeFileSync(path.join(dir, 'p.json'), JSON.stringify({ name: 'p', description: 'x', source: 'y', cpus: -1 }));
    expect(tune(['--preset', path.join(dir, 'p.json')]).stderr).toMatch(/^tune: --preset .*cpus/);
  });
  it('auto reads the cgroup quota and says so', () => {
    const root = tmp();
    writeFileSync(path.join(root, 'cpu.max'), '150000 100000\n');
    writeFileSync(path.join(root, 'memory.max'), String(768 * 2 ** 20) + '\n');
    const input = json([], { TUNE_CGROUP_ROOT: root });
    expect(input).toMatchObject({ cpus: 1.5, cpusSource: 'cgroup v2 cpu.max', memBytes: 768 * 2 ** 20, memSource: 'cgroup v2 memory.max' });
  });
});

describe('--out', () => {
  it('writes atomically, refuses to overwrite without --force, leaves no temp files', () => {
    const dir = tmp();
    const out = path.join(dir, 'gunicorn.conf.py');
    const args = ['--cpus', '2', '--mem', '1g', '--class', 'sync', '--format', 'gunicorn', '--out', out];
    const first = tune(args);
    expect(first.status).toBe(0);
    expect(first.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toContain('workers = int(os.environ.get("WEB_CONCURRENCY", "4"))');
    writeFileSync(out, 'mine\n');
    const again = tune(args);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/--force/);
    expect(readFileSync(out, 'utf8')).toBe('mine\n');
    expect(tune([...args, '--force']).status).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('worker_class = "sync"');
    expect(readdirSync(dir)).toEqual(['gunicorn.conf.py']);
  });
  it('a missing folder is a clear error', () => {
    const r = tune(['--cpus', '2', '--mem', '1g', '--format', 'env', '--out', '/nonexistent-dir/x.env']);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(STACK);
    expect(existsSync('/nonexistent-dir')).toBe(false);
  });
});

it('tune presets lists every file in presets/ with its CPUs and memory', () => {
  const shipped = readdirSync(PRESETS_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(path.join(PRESETS_DIR, f), 'utf8')) as { name: string; cpus: number; mem: string });
  const r = tune(['presets']);
  expect(r.status).toBe(0);
  const rows = r.stdout.split('\n').filter(Boolean);
  expect(rows).toHaveLength(shipped.length);
  for (const p of shipped) expect(rows.find((row) => row.startsWith(`${p.name} `))?.split(/ +/).slice(0, 4)).toEqual([p.name, String(p.cpus), 'CPU', p.mem]);
  const list = JSON.parse(tune(['presets', '--json']).stdout) as { name: string }[];
  expect(list.map((p) => p.name).sort()).toEqual(shipped.map((p) => p.name).sort());
});

