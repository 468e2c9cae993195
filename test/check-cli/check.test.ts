// `tune check` end to end: the built binary on fixture projects people really have.
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { STACK, tune } from '../cli/run.js';

const FIX = path.resolve(import.meta.dirname, '../fixtures/check');
const fx = (name: string) => path.join(FIX, name);
const temps: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'tune-check-'));
  temps.push(d);
  return d;
};
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

const json = (args: string[]) => {
  const r = tune(['check', ...args, '--format', 'json']);
  expect(r.stderr, r.stderr).not.toMatch(STACK);
  return { ...r, report: r.stdout ? JSON.parse(r.stdout) : undefined };
};
const codes = (report: { findings: { code: string }[] }) => report.findings.map((f) => f.code);
const target = (report: { targets: { settings: Record<string, { value: unknown }> }[] }, i = 0) =>
  Object.fromEntries(Object.entries(report.targets[i]!.settings).map(([k, v]) => [k, v.value]));

describe('tiangolo image: workers from cpu_count() and the environment', () => {
  it('passes on 2 CPUs within its 1 GiB compose limit', () => {
    const r = json(['--dir', fx('tiangolo'), '--cpus', '2']);
    expect(r.status).toBe(0);
    expect(r.report.targets[0]).toMatchObject({ name: 'service api', server: 'gunicorn', workerClass: 'uvicorn-worker' });
    expect(target(r.report)).toMatchObject({ workers: 2, timeout: 120, graceful_timeout: 120, keepalive: 5, worker_class: 'uvicorn.workers.UvicornWorker' });
    expect(r.report.machine).toMatchObject({ memBytes: 2 ** 30 });
  });
  it('fails when cpu_count() sees 8 cores (tiangolo#43) with the same limit', () => {
    const r = json(['--dir', fx('tiangolo'), '--cpus', '8']);
    expect(r.status).toBe(1);
    expect(target(r.report).workers).toBe(8);
    const f = r.report.findings.find((x: { code: string }) => x.code === 'DOES_NOT_FIT');
    expect(f).toMatchObject({ severity: 'error', file: path.join(fx('tiangolo'), 'gunicorn_conf.py') });
    expect(f.line).toBeGreaterThan(0);
  });
});

describe('Heroku: Procfile + .env', () => {
  it('WEB_CONCURRENCY=2 fits a 1 GiB dyno; sync with threads is named', () => {
    const r = json(['--dir', fx('heroku-pass'), '--mem', '1g', '--cpus', '2']);
    expect(r.status).toBe(0);
    expect(target(r.report)).toMatchObject({ workers: 2, threads: 4, max_requests: 1000 });
    expect(r.report.targets[0].workerClass).toBe('gthread');
    expect(codes(r.report)).toContain('SYNC_THREADS');
    expect(r.report.targets).toHaveLength(1);
  });
  it('WEB_CONCURRENCY=5 does not fit a 512 MiB dyno', () => {
    const r = json(['--dir', fx('heroku-fail'), '--mem', '512m', '--cpus', '2']);
    expect(r.status).toBe(1);
    expect(codes(r.report)).toContain('DOES_NOT_FIT');
    // The finding points at the flag that sets workers: `--workers $WEB_CONCURRENCY` on Procfile line 1.
    expect(r.report.findings.find((f: { code: string }) => f.code === 'DOES_NOT_FIT')).toMatchObject({ file: path.join(fx('heroku-fail'), 'Procfile'), line: 1 });
  });
});

describe('seed 002: compose command with memory limits', () => {
  it('2 workers × 2 threads with preload fit 1.5 GiB at the measured 150 MB per worker', () => {
    const r = json([path.join(fx('seed002-pass'), 'docker-compose.prod.yml'), '--worker-mem', '150m']);
    expect(r.status).toBe(0);
    expect(target(r.report)).toMatchObject({ workers: 2, threads: 2, preload_app: true, max_requests: 1000, max_requests_jitter: 100 });
    expect(r.report.machine.memBytes).toBe(1536 * 2 ** 20);
  });
  it('do not fit a 256 MiB limit', () => {
    const r = json([path.join(fx('seed002-fail'), 'docker-compose.prod.yml'), '--worker-mem', '150m']);
    expect(r.status).toBe(1);
    expect(codes(r.report)).toContain('DOES_NOT_FIT');
  });
});

describe('waitress and uvicorn', () => {
  it('waitress with 8 threads passes', () => {
    const r = json(['--dir', fx('waitress-pass'), '--mem', '512m', '--cpus', '1']);
    expect(r.status).toBe(0);
    expect(target(r.report)).toMatchObject({ threads: 8, connection_limit: 100, channel_timeout: 120 });
  });
  it('waitress with threads=0 fails; send_bytes is deprecated', () => {
    const r = json(['--dir', fx('waitress-fail'), '--mem', '512m', '--cpus', '1']);
    expect(r.status).toBe(1);
    expect(codes(r.report)).toEqual(expect.arrayContaining(['WAITRESS_THREADS_ZERO', 'WAITRESS_SEND_BYTES']));
  });
  it('uvicorn --workers 2 passes, with a note on what uvicorn[standard] buys (the loop is auto)', () => {
    const r = json(['--dir', fx('uvicorn-pass')]);
    expect(r.status).toBe(0);
    expect(target(r.report)).toMatchObject({ workers: 2, timeout_keep_alive: 5 });
    expect(r.report.findings.find((f: { code: string }) => f.code === 'UVICORN_NEEDS_UVLOOP')).toMatchObject({ severity: 'info', args: { workers: 2, rateRatio: 0.54 } });
    expect(codes(r.report)).not.toContain('UVICORN_NODELAY');
  });
  it('uvicorn --workers 2 --loop asyncio is the TCP_NODELAY warning', () => {
    const r = json(['--cmd', 'uvicorn app:app --workers 2 --loop asyncio', '--mem', '1g']);
    expect(r.status).toBe(0);
    expect(r.report.findings.find((f: { code: string }) => f.code === 'UVICORN_NODELAY')).toMatchObject({ severity: 'warning', args: { workers: 2, addedMs: 44 } });
  });
  it('uvicorn with 8 workers and limit_concurrency 1 fails twice over', () => {
    const r = json(['--dir', fx('uvicorn-fail')]);
    expect(r.status).toBe(1);
    expect(target(r.report)).toMatchObject({ workers: 8, limit_concurrency: 1 });
    expect(codes(r.report)).toEqual(expect.arrayContaining(['DOES_NOT_FIT', 'UVICORN_LIMIT_ONE']));
  });
});

describe('what gunicorn --check-config lets through', () => {
  it('typo keys fail with a did-you-mean, as a GitHub annotation on the line', () => {
    const r = tune(['check', '--dir', fx('typo'), '--mem', '1g', '--format', 'github']);
    expect(r.status).toBe(1);
    const conf = path.join(fx('typo'), 'gunicorn.conf.py');
    expect(r.stdout).toContain(`::error file=${conf},line=2,title=worker-tune UNKNOWN_SETTING::"worker" is not a gunicorn setting`);
    expect(r.stdout).toMatch(/did you mean workers\?/);
    expect(r.stdout).toMatch(/line=3,.*"thread".*did you mean threads\?/);
  });
  it('-c names the config file the server loads', () => {
    const conf = path.join(fx('typo'), 'gunicorn.conf.py');
    const r = json(['-c', conf, '--mem', '1g']);
    expect(r.status).toBe(1);
    // The target is the file gunicorn loads, not a command line nobody wrote.
    expect(r.report.targets).toHaveLength(1);
    expect(r.report.targets[0]).toMatchObject({ name: conf, server: 'gunicorn' });
    expect(codes(r.report)).toContain('UNKNOWN_SETTING');
  });
  it.each([
    [`workers = ${'('.repeat(5000)}1${')'.repeat(5000)}\n`, 'PYTHON_SYNTAX'],
    ['worker_class = "foo"\n', 'UNKNOWN_WORKER_CLASS'],
    ['workers = 0\n', 'WORKERS_ZERO'],
    ['workers = "abc"\n', 'INVALID_VALUE'],
    ['workers = = 3\n', 'PYTHON_SYNTAX'],
  ])('%j fails with %s', (conf, code) => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'gunicorn.conf.py'), conf);
    const r = json(['--dir', dir, '--mem', '1g']);
    expect(r.status).toBe(1);
    expect(codes(r.report)).toContain(code);
  });
});

it('more database connections than allowed fail: 4 workers × 8 threads against 20', () => {
  const r = json(['--cmd', 'gunicorn app:app -k gthread -w 4 --threads 8', '--mem', '4g', '--cpus', '4', '--db-max-connections', '20']);
  expect(r.status).toBe(1);
  expect(r.report.findings.find((f: { code: string }) => f.code === 'DB_OVER_BUDGET')).toMatchObject({ severity: 'error', args: { total: 32, max: 20, perProcess: 8 } });
});

it('keep-alive at or below the load balancer’s idle timeout is named', () => {
  const r = json(['--cmd', 'gunicorn app:app -k gthread --keep-alive 60', '--mem', '1g', '--lb-idle-timeout', '60']);
  expect(r.report.findings.find((f: { code: string }) => f.code === 'KEEPALIVE_BELOW_LB')).toMatchObject({ severity: 'warning', file: '--cmd' });
});

it('a value too large to compute is reported, quickly, and fails under --strict', () => {
  const dir = tmp();
  writeFileSync(path.join(dir, 'gunicorn.conf.py'), 'workers = 10 ** 10 ** 10\n');
  const t0 = Date.now();
  const r = json(['--dir', dir, '--mem', '1g', '--strict']);
  expect(Date.now() - t0).toBeLessThan(5000);
  expect(r.status).toBe(1);
  expect(r.report.findings.find((f: { code: string }) => f.code === 'UNEVALUATED')).toMatchObject({ severity: 'error', line: 1 });
});

it('a gunicorn.conf.py with side effects is read, never run', () => {
  const dir = tmp();
  cpSync(fx('side-effects'), dir, { recursive: true });
  const r = tune(['check', '--mem', '1g', '--format', 'json'], { cwd: dir });
  expect(r.stderr).not.toMatch(STACK);
  expect(JSON.parse(r.stdout).targets[0].settings.workers.value).toBe(2);
  expect(readdirSync(dir)).toEqual(['gunicorn.conf.py']);
  expect(existsSync('SIDE_EFFECT_MARKER')).toBe(false);
});

describe('seed 004: 30 users on 3 × 3 gthread', () => {
  const args = ['--dir', fx('seed004'), '--mem', '4g', '--cpus', '3', '--workload', 'io', '--users', '30', '--latency', '3000'];
  it('warns that 30 users queue on 9 slots', () => {
    const r = json(args);
    expect(r.status).toBe(0);
    const f = r.report.findings.find((x: { code: string }) => x.code === 'CAPACITY_SHORT');
    expect(f.args).toMatchObject({ users: 30, slots: 9 });
  });
  it('--strict makes it fail', () => expect(json([...args, '--strict']).status).toBe(1));
  it('--suggest shows current beside recommended', () => {
    const r = json([...args, '--suggest']);
    const s = r.report.targets[0].suggestions;
    expect(s.find((x: { setting: string }) => x.setting === 'workers')).toMatchObject({ current: 3, recommended: 3 });
    expect(s.find((x: { setting: string }) => x.setting === 'threads')).toMatchObject({ current: 3, recommended: 14 });
  });
});

describe('unreadable or invalid input: exit 2, one clear line', () => {
  const bad = (setup: (dir: string) => string[], message: RegExp) => {
    const dir = tmp();
    const r = tune(['check', ...setup(dir), '--mem', '1g']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(STACK);
  };
  it('missing file', () => bad((d) => [path.join(d, 'nope.env')], /no such file/));
  it('empty compose file', () => bad((d) => (writeFileSync(path.join(d, 'compose.yaml'), ''), [path.join(d, 'compose.yaml')]), /no services: mapping/));
  it('directory given as a file', () => bad((d) => [d + '/'], /cannot tell|directory/));
  it('empty folder', () => bad((d) => ['--dir', d], /no server configuration found/));
  it('binary', () => bad((d) => (writeFileSync(path.join(d, 'gunicorn.conf.py'), Buffer.from([0x77, 0, 1, 2])), [path.join(d, 'gunicorn.conf.py')]), /binary/));
  it('not UTF-8', () => bad((d) => (writeFileSync(path.join(d, '.env'), Buffer.from([0x41, 0x3d, 0xff, 0xfe])), [path.join(d, '.env')]), /not valid UTF-8/));
  it('over 1 MiB', () => bad((d) => (writeFileSync(path.join(d, 'Procfile'), 'web: gunicorn app:app\n'.repeat(60_000)), [path.join(d, 'Procfile')]), /over the .* limit/));
  it('symlink loop', () => bad((d) => (symlinkSync(path.join(d, 'compose.yaml'), path.join(d, 'compose.yaml')), [path.join(d, 'compose.yaml')]), /symbolic link loop|no such file/));
  it('YAML alias bomb', () =>
    bad((d) => {
      const lol = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
      for (let i = 1; i < 9; i++) lol.push(`${'abcdefghij'[i]}: &${'abcdefghij'[i]} [${Array(9).fill('*' + 'abcdefghij'[i - 1]).join(',')}]`);
      writeFileSync(path.join(d, 'compose.yaml'), lol.join('\n') + '\nservices: {web: {command: "gunicorn app:app", x: *i}}\n');
      return [path.join(d, 'compose.yaml')];
    }, /alias|resource exhaustion/i));
  it('malformed YAML names the line', () => bad((d) => (writeFileSync(path.join(d, 'compose.yaml'), 'services:\n  web:\n    command: [gunicorn\n'), [path.join(d, 'compose.yaml')]), /compose\.yaml:\d+/));
  it('absurdly deep YAML nesting', () =>
    bad((d) => (writeFileSync(path.join(d, 'compose.yaml'), `services:\n  web:\n    command: gunicorn app:app\n    x: ${'['.repeat(20000)}${']'.repeat(20000)}\n`), [path.join(d, 'compose.yaml')]), /nested too deeply/));
  it('compose values of odd types', () =>
    bad((d) => (writeFileSync(path.join(d, 'compose.yaml'), 'services:\n  web:\n    command: gunicorn app:app\n    environment: {A: [1, 2]}\n'), [path.join(d, 'compose.yaml')]), /compose\.yaml:4: environment\.A is not a string or number/));
  it('compose whose services is a list', () => bad((d) => (writeFileSync(path.join(d, 'compose.yaml'), 'services: [1, 2]\n'), [path.join(d, 'compose.yaml')]), /no services: mapping/));
  it('no memory budget', () => {
    const r = tune(['check', '--dir', fx('heroku-pass')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no memory budget for Procfile web: pass --mem/);
  });
});
