// `tune check` on configurations taken verbatim from public repositories (test/fixtures/real), against
// the truth the real servers gave for them (manifest.json, written by test/fixtures/real/truth/run_truth.py).
// Each case runs the built CLI the way a user would: the case's files, its budget flags, a clean
// environment plus what the case assumes the platform provides. Many cases fail today: that is the
// point of the corpus (see test/fixtures/real/README.md); the assertions stay as strict as the truth.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STACK, tune } from '../cli/run.js';

const ROOT = path.resolve(import.meta.dirname, '../fixtures/real');

interface TruthTarget {
  name: string;
  server: 'gunicorn' | 'uvicorn' | 'waitress';
  tuneName?: string;
  kind?: string;
  /** What tune can tell when the case lacks what the server sees (a worker class's module): see README. */
  tuneKind?: string;
  workers?: number;
  threads?: number;
  refused?: boolean;
}
interface Case {
  slug: string;
  files: string[];
  args: string[];
  env: Record<string, string>;
  targets: TruthTarget[];
  expectedExit: 0 | 1 | 2;
  expectedExitReason: string;
}
interface TuneTarget {
  name: string;
  server: string;
  workerClass?: string;
  /** A class the model does not know: its family (meinheld, aiohttp …) when tune can name it. */
  judgedAs?: { family?: string };
  settings: Record<string, { value: unknown }>;
}

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'manifest.json'), 'utf8')) as { cases: Case[] };

// The canary: anything that starts python, a server or a shell while tune reads the corpus leaves a file
// in `seen`. Shims shadow the programs on PATH; sitecustomize catches a python started by absolute path;
// BASH_ENV catches a bash script run by absolute path. tune must only read.
let canary: { dir: string; seen: string; env: Record<string, string> };
beforeAll(() => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tune-real-corpus-'));
  const seen = path.join(dir, 'seen');
  const bin = path.join(dir, 'bin');
  const site = path.join(dir, 'site');
  mkdirSync(seen);
  mkdirSync(bin);
  mkdirSync(site);
  for (const prog of ['python', 'python3', 'gunicorn', 'uvicorn', 'waitress-serve', 'sh', 'bash', 'dash']) {
    const shim = path.join(bin, prog);
    writeFileSync(shim, `#!/bin/sh\necho "$0 $*" > "${seen}/${prog}-$$"\nexit 97\n`);
    chmodSync(shim, 0o755);
  }
  writeFileSync(path.join(site, 'sitecustomize.py'), `open(${JSON.stringify(path.join(seen, 'python-started'))}, "w").close()\n`);
  writeFileSync(path.join(dir, 'bash_env'), `: > "${seen}/bash-started"\n`);
  const env = { PATH: `${bin}:${process.env.PATH ?? ''}`, PYTHONPATH: site, BASH_ENV: path.join(dir, 'bash_env') };
  canary = { dir, seen, env };
});
afterAll(() => rmSync(canary.dir, { recursive: true, force: true }));

function check(c: Case) {
  const r = tune(['check', ...c.files, ...c.args, '--format', 'json'], {
    cwd: path.join(ROOT, c.slug),
    env: { ...canary.env, ...c.env },
  });
  let report: { targets: TuneTarget[] } | undefined;
  try {
    report = r.stdout ? JSON.parse(r.stdout) : undefined;
  } catch {
    report = undefined;
  }
  return { ...r, report };
}

/** The tune target a truth target is about: the one named so, else the only one tune found. */
function match(t: TruthTarget, targets: TuneTarget[]): TuneTarget | undefined {
  if (t.tuneName) return targets.find((x) => x.name === t.tuneName);
  const same = targets.filter((x) => x.server === t.server);
  return same.length === 1 ? same[0] : targets.length === 1 ? targets[0] : undefined;
}

/** workers and threads as tune resolved them: the setting, else the server's own default. */
function resolved(t: TuneTarget) {
  const v = (k: string) => t.settings[k]?.value;
  const workers = typeof v('workers') === 'number' ? v('workers') : 1; // gunicorn and uvicorn default to 1
  const threadDefault = t.server === 'waitress' ? 4 : 1; // waitress adjustments.py threads = 4
  const threads = typeof v('threads') === 'number' ? v('threads') : threadDefault;
  const kind = t.workerClass ?? (t.judgedAs ? (t.judgedAs.family ?? 'unknown') : undefined);
  return { kind, workers, threads };
}

describe('real corpus: tune check against the servers’ own reading', () => {
  it('the canary sees a program started with its environment', () => {
    const r = spawnSync('python3', ['-c', 'pass'], { env: { ...canary.env }, encoding: 'utf8' });
    expect(r.status).toBe(97);
    const seen = readdirSync(canary.seen);
    expect(seen.some((f) => f.startsWith('python3-'))).toBe(true);
    for (const f of seen) rmSync(path.join(canary.seen, f));
  });

  it('holds at least 45 cases', () => {
    expect(manifest.cases.length).toBeGreaterThanOrEqual(45);
  });

  for (const c of manifest.cases) {
    it(`${c.slug}: exit ${c.expectedExit} (${c.expectedExitReason})`, () => {
      const r = check(c);
      expect([0, 1, 2], `exit ${r.status}; stderr: ${r.stderr}`).toContain(r.status);
      expect(r.stderr, 'no stack trace').not.toMatch(STACK);
      expect.soft(r.status, `exit code; stderr: ${r.stderr.trim()}`).toBe(c.expectedExit);
      if (c.expectedExit === 2) return; // unreadable input: there is nothing to compare
      for (const t of c.targets.filter((x) => !x.refused)) {
        const found = report(r, t);
        if (!found) continue;
        expect.soft(resolved(found), `target ${t.name} (tune: ${found.name})`).toEqual({
          kind: t.tuneKind ?? t.kind,
          workers: t.workers,
          threads: t.threads,
        });
      }
    });
  }

  it('no corpus file was executed (python, a server or a shell started)', () => {
    expect(readdirSync(canary.seen)).toEqual([]);
  });
});

function report(r: ReturnType<typeof check>, t: TruthTarget): TuneTarget | undefined {
  const targets = r.report?.targets ?? [];
  const found = match(t, targets);
  expect.soft(found, `tune reports no target for ${t.name} (it found: ${targets.map((x) => x.name).join(', ') || 'none'})`).toBeDefined();
  return found;
}
