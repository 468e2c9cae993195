// The house rules that tools can check, so a change that breaks one fails the suite: no import cycles,
// no unused files, exports or dependencies (knip), and no long file or function without its reason
// (scripts/long-functions.mjs). Type checking runs in .ci/run (npm run typecheck, typecheck:web).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const node = (args: string[]) => spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });

it('no import cycles', () => {
  const r = node(['scripts/import-cycles.mjs']);
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout.trim().split('\n').pop()).toBe('0 import cycle(s)');
});

it('no file over 300 lines or function over 80 without its reason at its top', () => {
  const r = node(['scripts/long-functions.mjs', '--unexplained']);
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).toBe('');
});

it('knip: no unused files, exports or dependencies', () => {
  const r = node([path.join(ROOT, 'node_modules/knip/bin/knip.js'), '--no-progress']);
  expect(r.stdout + r.stderr).toBe('');
  expect(r.status).toBe(0);
}, 120_000);
