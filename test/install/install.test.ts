// The installs the README shows, done for real: from a packed tarball, from a git URL (the `prepare`
// build), as a pre-commit hook with Debian's pre-commit and the system Node, and as the GitHub Action
// (its steps run by this test). publint and arethetypeswrong judge the package. These need the npm
// registry (a git install builds with the devDependencies) and take about two minutes.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const work = mkdtempSync(path.join(os.tmpdir(), 'tune-install-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function sh(cmd: string, args: string[], opts: { cwd: string; env?: Record<string, string>; timeout?: number }) {
  const r = spawnSync(cmd, args, { cwd: opts.cwd, env: { ...process.env, NO_COLOR: '1', ...opts.env }, encoding: 'utf8', timeout: opts.timeout ?? 180_000 });
  return { status: r.status ?? -1, stdout: r.stdout ?? '', stderr: `${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}

/** A Python project whose Procfile holds more than 1 GiB (9 gthread workers at the default 256 MiB). */
function project(name: string, procfile: string): string {
  const dir = path.join(work, name);
  execFileSync('mkdir', ['-p', dir]);
  writeFileSync(path.join(dir, 'Procfile'), procfile);
  return dir;
}
const GOOD = 'web: gunicorn app:app -w 2 -k gthread --threads 4\n';
const BAD = 'web: gunicorn app:app -w 9 -k gthread --threads 4\n';

let tarball: string;
beforeAll(() => {
  const r = sh('npm', ['pack', '--pack-destination', work], { cwd: root });
  expect(r.status, r.stderr).toBe(0);
  tarball = path.join(work, r.stdout.trim().split('\n').at(-1)!);
}, 120_000);

describe('the package', () => {
  it('ships what runs — the bin, the library, its types, presets — and no path of the build machine', () => {
    const list = sh('tar', ['-tzf', tarball], { cwd: work }).stdout.split('\n').filter(Boolean);
    expect(list).toEqual(expect.arrayContaining(['package/dist/bin/tune.cjs', 'package/dist/cli.cjs', 'package/dist/index.js', 'package/dist/types/index.d.ts', 'package/presets/aws-t3-small.json', 'package/LICENSE']));
    expect(list.filter((f) => !/^package\/(dist\/|presets\/|package\.json$|README\.md$|LICENSE$)/.test(f))).toEqual([]);
    const unpacked = path.join(work, 'unpacked');
    execFileSync('mkdir', ['-p', unpacked]);
    execFileSync('tar', ['-xzf', tarball, '-C', unpacked]);
    const grep = sh('grep', ['-rlE', `${root}|/tmp/|/root/`, path.join(unpacked, 'package')], { cwd: work });
    expect(grep.stdout).toBe('');
    const pkg = JSON.parse(readFileSync(path.join(unpacked, 'package/package.json'), 'utf8'));
    // Everything is bundled: nothing to download at install time.
    expect(pkg.dependencies ?? {}).toEqual({});
  });

  it('publint finds nothing (strict)', () => {
    const r = sh(path.join(root, 'node_modules/.bin/publint'), ['--strict', tarball], { cwd: root });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/All good!/);
  });

  it('arethetypeswrong finds nothing for ESM consumers (the package is ESM-only)', () => {
    const r = sh(path.join(root, 'node_modules/.bin/attw'), [tarball, '--profile', 'esm-only', '--format', 'json'], { cwd: root });
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });
});

describe('installs that work', () => {
  const consumer = (name: string) => {
    const dir = path.join(work, name);
    execFileSync('mkdir', ['-p', dir]);
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', private: true, type: 'module' }));
    writeFileSync(path.join(dir, 'Procfile'), BAD);
    return dir;
  };
  const useIt = (dir: string) => {
    // `npx --no-install tune` runs the installed bin and never fetches the unrelated registry package `tune`.
    const ok = sh('npx', ['--no-install', 'tune', '--cpus', '2', '--mem', '1g', '--format', 'env'], { cwd: dir });
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^WEB_CONCURRENCY=2$/m);
    const check = sh('npx', ['--no-install', 'tune', 'check', '--mem', '1g', '--cpus', '2', '--format', 'github'], { cwd: dir });
    expect(check.status).toBe(1);
    expect(check.stdout).toMatch(/^::error file=Procfile,line=1,title=worker-tune DOES_NOT_FIT::/m);
    const lib = sh('node', ['--input-type=module', '-e', "import { recommend, parseInput } from 'worker-tune'; import { check } from 'worker-tune/check'; import { loadRenderer } from 'worker-tune/render'; const p = parseInput({ cpus: 2, mem: '1g' }); const rec = recommend(p.input); console.log(rec.settings.workers, typeof check, (await (await loadRenderer('env'))(rec, { color: false, explain: false, version: 'x' })).includes('WEB_CONCURRENCY=2'))"], { cwd: dir });
    expect(lib.stdout.trim(), lib.stderr).toBe('2 function true');
  };

  it('from the packed tarball, with no registry access needed', () => {
    const dir = consumer('from-tarball');
    const r = sh('npm', ['install', '--no-audit', '--no-fund', '--offline', tarball], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    useIt(dir);
  });

  it('from a git URL: prepare builds dist/', () => {
    const dir = consumer('from-git');
    const head = sh('git', ['rev-parse', 'HEAD'], { cwd: root }).stdout.trim();
    const r = sh('npm', ['install', '--no-audit', '--no-fund', `git+file://${root}#${head}`], { cwd: dir, timeout: 300_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(path.join(dir, 'node_modules/worker-tune/dist/bin/tune.cjs'))).toBe(true);
    useIt(dir);
  }, 300_000);
});

describe('CI integrations', () => {
  const head = () => sh('git', ['rev-parse', 'HEAD'], { cwd: root }).stdout.trim();
  const gitInit = (dir: string) => {
    for (const args of [['init', '-q'], ['add', '-A'], ['-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-qm', 'x']]) sh('git', args, { cwd: dir });
  };

  it('pre-commit (Debian) installs the hook with the system Node and fails a configuration that does not fit', () => {
    const config = (rev: string) => `repos:\n  - repo: ${root}\n    rev: ${rev}\n    hooks:\n      - id: tune-check\n        args: [--mem, 1g, --cpus, '2']\n`;
    const env = { PRE_COMMIT_HOME: path.join(work, 'pre-commit-home') };
    const good = project('pc-good', GOOD);
    writeFileSync(path.join(good, '.pre-commit-config.yaml'), config(head()));
    gitInit(good);
    const passed = sh('pre-commit', ['run', '--all-files'], { cwd: good, env, timeout: 300_000 });
    expect(passed.status, passed.stdout + passed.stderr).toBe(0);
    expect(passed.stdout).toMatch(/tune check .*Passed/);
    const bad = project('pc-bad', BAD);
    writeFileSync(path.join(bad, '.pre-commit-config.yaml'), config(head()));
    gitInit(bad);
    const failed = sh('pre-commit', ['run', '--all-files'], { cwd: bad, env });
    expect(failed.status).toBe(1);
    expect(failed.stdout).toMatch(/tune check .*Failed/);
    expect(failed.stdout).toMatch(/DOES_NOT_FIT/);
  }, 300_000);

  it("the GitHub Action's steps, run as the runner runs them, annotate and fail", () => {
    // The runner checks the action out at its ref: a clone of HEAD, then each step in its folder.
    const actionPath = path.join(work, 'action');
    sh('git', ['clone', '-q', root, actionPath], { cwd: work });
    sh('git', ['checkout', '-q', head()], { cwd: actionPath });
    const action = parseYaml(readFileSync(path.join(actionPath, 'action.yml'), 'utf8'));
    expect(action.runs.using).toBe('composite');
    const runSteps = (projectDir: string, inputs: Record<string, string>) => {
      const expr = (text: string) =>
        text.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, name: string) => {
          if (name === 'github.action_path') return actionPath;
          const input = /^inputs\.(.+)$/.exec(name)?.[1];
          if (input !== undefined) return inputs[input] ?? String(action.inputs[input]?.default ?? '');
          throw new Error(`the test does not know ${name}`);
        });
      let last = { status: 0, stdout: '', stderr: '' };
      for (const step of action.runs.steps as { run: string; shell: string; 'working-directory'?: string; env?: Record<string, string> }[]) {
        expect(step.shell).toBe('bash');
        const cwd = path.resolve(projectDir, expr(step['working-directory'] ?? '.'));
        const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expr(String(v))]));
        last = sh('bash', ['-e', '-c', expr(step.run)], { cwd, env: { ...env, GITHUB_ACTION_PATH: actionPath }, timeout: 300_000 });
        if (last.status !== 0) return last;
      }
      return last;
    };
    const bad = runSteps(project('gh-bad', BAD), { args: '--mem 1g --cpus 2' });
    expect(bad.status, bad.stderr).toBe(1);
    expect(bad.stdout).toMatch(/^::error file=Procfile,line=1,title=worker-tune DOES_NOT_FIT::/m);
    // Arguments are data: a glob or a `;` in them is passed on, not run.
    const good = runSteps(project('gh-good', GOOD), { args: '--mem 1g --cpus 2 Procfile' });
    expect(good.status, good.stdout + good.stderr).toBe(0);
    const injected = runSteps(project('gh-inject', GOOD), { args: '--mem 1g; touch pwned *' });
    expect(injected.status).toBe(2);
    expect(existsSync(path.join(work, 'gh-inject', 'pwned'))).toBe(false);
  }, 300_000);
});
