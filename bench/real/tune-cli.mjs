// tune's own CLI (dist/bin/tune.cjs), as a user runs it: calibrate, recommend, check --cmd.
import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { trackGroup } from '../lib/index.mjs';
import { PY } from './apps.mjs';

const ROOT = path.dirname(path.dirname(path.dirname(fileURLToPath(import.meta.url))));
const TUNE = path.join(ROOT, 'dist', 'bin', 'tune.cjs');
const MACHINE = ['--cpus', '2', '--mem', '2g'];
// The uvicorn the bench runs (Debian's 0.17.6 has only uvicorn.workers.UvicornWorker): tune emits the class path it has.
const UVICORN = ['--uvicorn-version', spawnSync(PY, ['-c', 'import uvicorn; print(uvicorn.__version__)'], { encoding: 'utf8' }).stdout.trim() || '0.17.6'];

/** Run tune with `args`; its JSON stdout (exit 0, or 1 = "does not fit", still a full answer). */
function tuneJson(args, env) {
  const r = spawnSync(process.execPath, [TUNE, ...args], { encoding: 'utf8', env, maxBuffer: 32 * 1024 * 1024, timeout: 60_000 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`tune ${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  try {
    return JSON.parse(r.stdout);
  } catch {
    throw new Error(`tune ${args.join(' ')}: no JSON on stdout\n${r.stderr}`);
  }
}

/**
 * `tune calibrate` for one app and class, saving the profile into `dir`. Runs detached in its own
 * process group (tracked by bench/lib/cleanup), so an interrupted bench stops it and its servers.
 * @returns {Promise<{profilePath:string, profile:object, calibration:object, recommendation:object, command:string}>}
 */
export function calibrate({ app, cls, dir, env, paths, users, workload = 'mixed' }) {
  const profilePath = path.join(dir, `profile-${app.key}-${cls}${users === undefined ? '' : `-c${users}`}.json`);
  const args = ['calibrate', '--app', app.module, '--class', cls, '--app-dir', app.dir, ...MACHINE, '--workload', workload, ...(users === undefined ? [] : ['--users', String(users)]), ...paths.flatMap((p) => ['--path', p]), '--save', profilePath, '--force', '--format', 'json', ...UVICORN];
  const pathArgs = paths.length > 1 ? [`--path … (the mix: ${paths.length} requests, each a --path)`] : ['--path', paths[0]];
  const shownArgs = [...args.slice(0, args.indexOf('--path')), ...pathArgs, ...args.slice(args.indexOf('--path') + 2 * paths.length)];
  const shown = ['tune', ...shownArgs].map((a) => (a === app.dir ? `bench/apps/real/${path.basename(app.dir)}` : a === profilePath ? 'profile.json' : /[?&]/.test(a) && !a.startsWith('--path …') ? `'${a}'` : a)).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TUNE, ...args], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    let untrack = () => {};
    child.once('spawn', () => (untrack = trackGroup(child.pid, `tune calibrate ${app.key} ${cls}`)));
    const timer = setTimeout(() => process.kill(-child.pid, 'SIGINT'), 180_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      untrack();
      if (code !== 0 && code !== 1) return reject(new Error(`${shown}: exit ${code}\n${err.slice(-2000)}`));
      try {
        const doc = JSON.parse(out);
        resolve({ profilePath, profile: JSON.parse(fs.readFileSync(profilePath, 'utf8')), calibration: doc.calibration, recommendation: doc.recommendation, command: shown });
      } catch (e) {
        reject(new Error(`${shown}: ${e.message}\n${err.slice(-2000)}`));
      }
    });
  });
}

/** Inputs that are not the machine: class, workload, users, latency, profile. */
function inputArgs({ cls, workload = 'mixed', users, latencyMs, profilePath }) {
  const a = ['--workload', workload];
  if (cls) a.push('--class', cls);
  if (users != null) a.push('--users', String(users));
  if (latencyMs != null) a.push('--latency', String(Math.max(1, Math.round(latencyMs))));
  if (profilePath) a.push('--profile', profilePath);
  return a;
}

/** tune's recommendation (JSON document) and the command that gives it. */
export function recommend(o, env) {
  const args = [...MACHINE, ...inputArgs(o), '--app', o.app, ...UVICORN, '--format', 'json'];
  return { doc: tuneJson(args, env), command: ['tune', ...args].join(' ') };
}

/** tune check --cmd: the model's memory and capacity for an exact command line. */
export function check(cmd, o, env) {
  const args = ['check', '--cmd', cmd, ...MACHINE, ...inputArgs({ ...o, cls: undefined }), '--format', 'json'];
  const doc = tuneJson(args, env);
  const t = doc.targets?.[0];
  if (!t?.memory) throw new Error(`tune check --cmd "${cmd}": no target evaluated\n${JSON.stringify(doc.findings ?? doc).slice(0, 1500)}`);
  return { memory: t.memory, capacity: t.capacity, workerClass: t.workerClass, findings: (doc.findings ?? []).map((f) => f.code) };
}
