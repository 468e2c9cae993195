// tune inspect through the built binary: the report a person reads, and every refusal as one line on
// stderr with exit 2 (no such process, not a server, several servers, another user's process, bad flags).
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { children } from '../../src/proc/index.js';
import { have, WAITRESS_SERVE } from '../helpers/real-servers.js';
import { BIN, STACK, tune } from '../cli/run.js';
import { leftovers, startServer, type Running } from './running.js';

const APPS = fileURLToPath(new URL('../fixtures/apps', import.meta.url));
const mark = randomUUID();
const started: Running[] = [];
let waitress: Running | undefined;

afterAll(async () => {
  await Promise.all(started.map((s) => s.stop()));
  expect(leftovers(mark)).toEqual([]);
});

async function aWaitress(): Promise<Running> {
  if (!waitress) {
    waitress = await startServer({ cmd: WAITRESS_SERVE, args: ['--listen=127.0.0.1:{port}', 'flask_app:app'], cwd: APPS, mark });
    started.push(waitress);
  }
  return waitress;
}

/** One line on stderr, exit 2, no stack trace. */
function refused(r: { status: number; stdout: string; stderr: string }, text: RegExp): void {
  expect(r.status).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(text);
  expect(r.stderr).not.toMatch(STACK);
}

describe('refusals', () => {
  it('a pid that is not a number, a format it does not write', () => {
    refused(tune(['inspect', '--pid', 'abc']), /^tune: --pid: must be a process id/);
    refused(tune(['inspect', '--pid', '0']), /^tune: --pid: must be a process id/);
    refused(tune(['inspect', '--pid', '1', '--format', 'yaml']), /^tune: --format: must be one of table, json/);
  });

  it('no such process: a pid above the kernel\'s pid_max', () => {
    refused(tune(['inspect', '--pid', '99999999']), /^tune: no process with pid 99999999$/m);
  });

  it('a process that is no server and runs none', async () => {
    const sleeper = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      refused(tune(['inspect', '--pid', String(sleeper.pid)]), new RegExp(`^tune: pid ${sleeper.pid} \\(sleep 30\\) is not a gunicorn, uvicorn or waitress server, and none runs below it$`, 'm'));
    } finally {
      sleeper.kill('SIGKILL');
    }
  });

  it.skipIf(!have.waitress || !have.flask)('two servers below the pid: it names both and asks for one', async () => {
    const script = `${WAITRESS_SERVE} --listen=127.0.0.1:{port} flask_app:app & ${WAITRESS_SERVE} --listen=127.0.0.1:0 flask_app:app & wait`;
    const s = await startServer({ cmd: 'sh', args: ['-c', script], cwd: APPS, mark, descendants: 2 });
    started.push(s);
    const [a, b] = children(s.pid).map((c) => c.pid);
    refused(tune(['inspect', '--pid', String(s.pid)]), new RegExp(`^tune: 2 servers run below pid ${s.pid}: ${a} \\(.*waitress-serve.*\\), ${b} \\(.*\\); pass --pid with one of them$`, 'm'));
  });

  it.skipIf(process.getuid?.() !== 0 || !have.waitress)('another user\'s server: /proc is not readable without root', async () => {
    const s = await aWaitress();
    // The built CLI as user nobody: it may read /proc/PID/stat and cmdline, not smaps_rollup or environ.
    const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, 'inspect', '--pid', String(s.pid)], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin', HOME: '/nonexistent', NO_COLOR: '1' }, timeout: 30_000 });
    refused({ status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }, new RegExp(`^tune: cannot read /proc/${s.pid}/smaps_rollup: permission denied \\(pid ${s.pid} runs as uid 0, tune as uid 65534: run tune inspect as that user or as root\\)$`, 'm'));
  });
});

describe.skipIf(!have.waitress || !have.flask)('the report', () => {
  it('what runs, per process, the profile and the check, for a person', async () => {
    const s = await aWaitress();
    const r = tune(['inspect', '--pid', String(s.pid), '--cpus', '2', '--mem', '512m']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(new RegExp(`^tune inspect · pid ${s.pid} · waitress · flask_app:app · up \\d+ (s|min)$`));
    expect(r.stdout).toContain(`  command   ${WAITRESS_SERVE} --listen=127.0.0.1:${s.port} flask_app:app`);
    expect(r.stdout).toContain(`  listens   127.0.0.1:${s.port} (0 waiting to be accepted)`);
    expect(lines.some((l) => new RegExp(`^  server\\s+${s.pid}\\s+[\\d.]+ MiB`).test(l))).toBe(true);
    expect(r.stdout).toMatch(/^Profile worker [\d.]+ MiB$/m);
    expect(r.stdout).toMatch(/^Check of what runs · 2 CPU \(given\), 512 MiB budget \(given\)/m);
    expect(r.stdout).toContain('[WAITRESS_ONE_CORE]');
    expect(lines.at(-2)).toBe('0 errors, 1 warning, 0 notes');
  });

  it('is listed in tune --help and has its own help', () => {
    expect(tune(['--help']).stdout).toMatch(/^\s+inspect \[options\]\s+read a running gunicorn/m);
    const h = tune(['inspect', '--help']);
    expect(h.status).toBe(0);
    expect(h.stdout).toContain('--pid <pid>');
    expect(h.stdout).toContain('never signalled, traced or sent requests');
  });
});
