// Fuzzed argument vectors through the real CLI code, in-process: whatever it is given, it answers with
// a result or one clear error — exit 0, 1 or 2, no stack trace, no diagnostics on stdout.
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { INPUT_OPTIONS } from '../../src/cli/input-options.js';

const RUNS = 10_000;
const dir = mkdtempSync(path.join(os.tmpdir(), 'tune-fuzz-'));
writeFileSync(path.join(dir, 'ok.env'), 'TUNE_CPUS=2\nTUNE_MEM=1g\n');
writeFileSync(path.join(dir, 'bad.env'), 'TUNE_CPUS=\u00e9\u00e9\nTUNE_HEADROOM=NaN\n');
writeFileSync(path.join(dir, 'bin.json'), Buffer.from([0, 1, 2, 3]));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const flags = [...INPUT_OPTIONS.map((o) => o.flag), '--no-preload', '--preset', '--env-file', '--profile', '--format', '-f', '--explain', '--force', '--no-color', '-q', '--quiet', '--help', '--version', '--bogus', '-x', '--'];
const values = fc.oneof(
  fc.constantFrom('2', '4', '0', '-1', '1.5', '500m', '2g', '512m', '1.5GiB', '2048Mi', '1073741824', '16Ti', '99999999999999999999', '1e308', '1e-9', 'NaN', 'Infinity', '-Infinity', '-0', '0x10', ' ', ''),
  fc.constantFrom('sync', 'gthread', 'gevent', 'uvicorn', 'uvicorn-worker', 'waitress', 'eventlet', 'cpu', 'io', 'mixed', 'table', 'json', 'env', 'gunicorn', 'compose', 'waitress', 'uvicorn', 'k8s', 'yaml'),
  fc.constantFrom('app:app', 'pkg.mod:create_app()', 'x:app"\nimport os', "a'b:c", '0.0.0.0:8000', 'unix:/tmp/s.sock', '[::1]:80', '$(reboot)', '`id`', '; rm -rf /', 'aws-t3-small', 'heroku-standard-1x', '../../etc/passwd', '/dev/zero', '/dev/null', dir, path.join(dir, 'ok.env'), path.join(dir, 'bad.env'), path.join(dir, 'bin.json'), '/nonexistent/x'),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.double().map(String),
  fc.integer().map(String),
);
const token = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...flags) }, { weight: 3, arbitrary: values }, { weight: 1, arbitrary: fc.constantFrom('presets', 'check') });
const argvs = fc.array(token, { maxLength: 10 });

const STACK = /^\s+at .+(:\d+:\d+\)?|\(native\))$/m;
let ran = 0;
const exits = new Map<number, number>();

it(`${RUNS} generated argument vectors: exit 0/1/2, never a stack trace, stdout only the product`, async () => {
  await fc.assert(
    fc.asyncProperty(argvs, async (argv) => {
      // `check` with no files looks in the cwd; point it at an empty folder so it reads nothing real.
      const args = argv[0] === 'check' ? [...argv, '--dir', dir] : argv;
      let out = '';
      let err = '';
      const code = await runCli(args, { out: (t) => (out += t), err: (t) => (err += t), env: { NO_COLOR: '1' }, isTTY: false });
      ran++;
      exits.set(code, (exits.get(code) ?? 0) + 1);
      expect([0, 1, 2], `${JSON.stringify(args)} → ${code}\n${err}`).toContain(code);
      expect(err, JSON.stringify(args)).not.toMatch(STACK);
      expect(err).not.toMatch(/internal error/);
      expect(out, JSON.stringify(args)).not.toMatch(/^tune: /m);
      if (code === 2) expect(out).toBe('');
      const format = args[args.lastIndexOf('--format') + 1] ?? args[args.lastIndexOf('-f') + 1];
      if (out && format === 'json' && !args.includes('--help') && !args.includes('presets') && !args.includes('--version')) expect(() => JSON.parse(out)).not.toThrow();
    }),
    { numRuns: RUNS },
  );
  console.log(`fuzz: ${ran} argument vectors run; exits ${[...exits].sort().map(([c, n]) => `${c}×${n}`).join(', ')}; 0 crashes`);
  expect(ran).toBeGreaterThanOrEqual(RUNS);
}, 600_000);
