// `tune check` end to end on the places commands live: standard input, files known by their content,
// the process environment, -c beside a Procfile, and one JSON document for every outcome.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { STACK, tune } from '../cli/run.js';

const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));
/** A project folder holding `files`. */
function project(files: Record<string, string>): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'tune-check-src-'));
  temps.push(d);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(d, name)), { recursive: true });
    writeFileSync(path.join(d, name), text);
  }
  return d;
}
const json = (args: string[], opts: Parameters<typeof tune>[1] = {}) => {
  const r = tune(['check', ...args, '--format', 'json'], opts);
  expect(r.stderr).not.toMatch(STACK);
  return { ...r, report: JSON.parse(r.stdout) };
};

const MANIFEST = `apiVersion: v1
kind: Service
metadata: {name: web}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      containers:
        - name: app
          command: ["gunicorn", "-w", "3", "app:app"]
          resources: {limits: {memory: 1Gi}}
`;

describe('sources', () => {
  it('`helm template … | tune check -`: manifests on standard input, budget from the limits', () => {
    const r = json(['-', '--cpus', '2'], { input: MANIFEST });
    expect(r.status).toBe(0);
    expect(r.report.files).toEqual(['-']);
    expect(r.report.targets[0]).toMatchObject({ name: 'Deployment web / container app', settings: { workers: { value: 3 } } });
    expect(r.report.machine.memBytes).toBe(2 ** 30);
  });
  it('standard input known by what it holds: YAML opening with --- and comments (helm template output)', () => {
    const r = json(['-', '--cpus', '2'], { input: `---\n# Source: chart/templates/deployment.yaml\n${MANIFEST}` });
    expect(r.status).toBe(0);
    expect(r.report.targets).toHaveLength(1);
  });
  it('files known by what they hold: a start script without extension, a config not named .py, an env file not named .env', () => {
    const d = project({
      'bin/server': '#!/bin/bash\nexec gunicorn -c /app/deploy/gunicorn-prod.conf app:app\n',
      'deploy/gunicorn-prod.conf': 'import os\nworkers = int(os.environ.get("WEB_CONCURRENCY", 1)) + 1\n',
      'envs/production': 'WEB_CONCURRENCY=3\n',
    });
    const r = json(['bin/server', 'envs/production', '--mem', '2g', '--cpus', '2'], { cwd: d });
    expect(r.status).toBe(0);
    expect(r.report.files).toEqual(['bin/server', 'envs/production', 'deploy/gunicorn-prod.conf']);
    expect(r.report.targets[0].settings.workers).toMatchObject({ value: 4, source: { file: 'deploy/gunicorn-prod.conf', line: 2 } });
  });
  it('the process environment counts only with --env-from-process', () => {
    const d = project({ Procfile: 'web: gunicorn app:app\n' });
    const env = { WEB_CONCURRENCY: '3' };
    expect(json(['Procfile', '--mem', '2g'], { cwd: d, env }).report.targets[0].settings).toEqual({});
    expect(json(['Procfile', '--mem', '2g', '--env-from-process'], { cwd: d, env }).report.targets[0].settings.workers).toMatchObject({ value: 3, source: { file: 'environment' } });
  });
  it('Procfile plus -c: one target, which loads that config; two web lines are flagged', () => {
    const d = project({ Procfile: 'web: gunicorn app:app\nweb: gunicorn other:app\n', 'conf/prod.py': 'workers = 2\n' });
    const r = json(['Procfile', '-c', 'conf/prod.py', '--mem', '2g'], { cwd: d });
    expect(r.report.targets.map((t: { name: string }) => t.name)).toEqual(['Procfile web (line 1)', 'Procfile web (line 2)']);
    expect(r.report.targets[0].settings.workers).toMatchObject({ value: 2, source: { file: 'conf/prod.py' } });
    expect(r.report.findings.find((f: { code: string }) => f.code === 'DUPLICATE_PROCESS')).toMatchObject({ severity: 'warning', args: { name: 'web', lines: '1, 2' } });
  });
  it('--cmd names the process: the folder gives its .env, not its Procfile as a second process', () => {
    const d = project({ Procfile: 'web: waitress-serve --port=$PORT app:app\n', '.env': 'WEB_CONCURRENCY=3\n' });
    const r = json(['--cmd', 'gunicorn app:app', '--mem', '2g'], { cwd: d });
    expect(r.report.targets.map((t: { name: string }) => t.name)).toEqual(['--cmd']);
    expect(r.report.targets[0].settings.workers).toMatchObject({ value: 3 });
  });
  it('pins beside the files are found: gunicorn 26 refuses eventlet', () => {
    const d = project({ Procfile: 'web: gunicorn -k eventlet app:app\n', 'requirements.txt': 'gunicorn==26.0.0\neventlet\n' });
    const r = json(['Procfile', '--mem', '1g'], { cwd: d });
    expect(r.status).toBe(1);
    expect(r.report.versions.gunicorn).toMatchObject({ version: '26.0.0', pin: { file: 'requirements.txt', line: 1 } });
    expect(r.report.findings[0]).toMatchObject({ code: 'REMOVED_WORKER_CLASS', file: 'Procfile', line: 1 });
    expect(json(['Procfile', '--mem', '1g', '--gunicorn-version', '25.1'], { cwd: d }).status).toBe(0);
  });
});

describe('the budget survives tune → Kubernetes container → tune check', () => {
  it.each(['768m', '1g', '2048Mi'])('--mem %s', (mem) => {
    const emitted = tune(['--cpus', '1.5', '--mem', mem, '--class', 'gthread', '--format', 'k8s']);
    const planned = JSON.parse(tune(['--cpus', '1.5', '--mem', mem, '--class', 'gthread', '--format', 'json']).stdout);
    const d = project({ 'container.yaml': emitted.stdout });
    const r = json(['container.yaml'], { cwd: d });
    expect(r.status, r.stderr).toBe(0);
    expect(r.report.machine).toMatchObject({ memBytes: planned.memory.budgetBytes, cpus: 1.5 });
    expect(r.report.targets[0]).toMatchObject({ name: 'container web', workerClass: 'gthread' });
  });
});

describe('--format json on exit 2', () => {
  it.each([
    ['no server command', { 'Procfile': 'worker: celery -A app worker\n' }, ['Procfile', '--mem', '1g'], { code: 'NO_TARGET' }],
    ['YAML that is not YAML', { 'compose.yaml': 'services:\n  web: [\n' }, ['compose.yaml', '--mem', '1g'], { code: 'FILE_ERROR', file: 'compose.yaml', line: 3 }],
    ['no budget, a limit of "0"', { 'compose.yaml': 'services:\n  web:\n    command: gunicorn app:app\n    mem_limit: "0"\n' }, ['compose.yaml'], { code: 'NO_BUDGET', file: 'compose.yaml', line: 4 }],
    ['a bad version', { Procfile: 'web: gunicorn app:app\n' }, ['Procfile', '--gunicorn-version', 'latest'], { code: 'USAGE' }],
  ])('%s', (_name, files, args, error) => {
    const d = project(files as Record<string, string>);
    const r = json(args as string[], { cwd: d });
    expect(r.status).toBe(2);
    expect(r.report).toEqual({ error: { ...error, message: expect.any(String) } });
    expect(r.stderr).toMatch(/^tune: /);
  });
});
