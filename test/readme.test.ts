// The README's samples are what the CLI prints (scripts/readme-samples.mjs writes them: npm run readme),
// and every `tune …` command the README shows runs as documented, in order, in a copy of the small
// project test/fixtures/readme (the calibrate example measures its Flask app on the real gunicorn).
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { shellWords } from '../src/check/shell-words.js';
import { samples } from '../scripts/readme-samples.mjs';
import { STACK, tune } from './cli/run.js';
import { spawn } from 'node:child_process';
import { baseEnv, freePort, PYTHON } from './helpers/real-servers.js';

const readme = readFileSync(path.resolve(__dirname, '../README.md'), 'utf8');

describe('README samples are the CLI’s own output', () => {
  const found = samples(readme);
  it('has samples', () => expect(found.length).toBeGreaterThanOrEqual(2));
  it.each(found.map((s) => [s.command, s] as const))('%s', (_c, s) => expect(s.shown).toBe(s.printed));
});

/** The fixture project's server, as its Procfile starts it, on a free port; resolves once it answers. */
async function startProcfileServer(project: string): Promise<{ pid: number; stop: () => void }> {
  const port = await freePort();
  const child = spawn(PYTHON, ['-m', 'gunicorn', 'myproject.wsgi:application', '-c', 'deploy/gunicorn_conf.py'], {
    cwd: project,
    env: baseEnv({ PORT: String(port), WEB_CONCURRENCY: '2' }),
    stdio: 'ignore',
    detached: true,
  });
  const stop = () => {
    try {
      process.kill(-(child.pid as number), 'SIGKILL');
    } catch {
      /* gone */
    }
  };
  for (const t0 = Date.now(); Date.now() - t0 < 30_000; await new Promise((r) => setTimeout(r, 200))) {
    const up = await fetch(`http://127.0.0.1:${port}/`).then((r) => r.ok, () => false);
    if (up) return { pid: child.pid as number, stop };
  }
  stop();
  throw new Error("the fixture project's gunicorn did not answer within 30 s");
}

describe('every tune command in the README runs', () => {
  // Each sh block, and the `$ ` lines of console blocks, runs in a fresh copy of the project, in order;
  // a redirection's target is dropped.
  const blocks = [...readme.matchAll(/```(sh|console)\n([\s\S]*?)```/g)]
    .map((m) =>
      m[2]!
        .split('\n')
        .filter((l) => m[1] === 'sh' || l.startsWith('$ '))
        .map((l) => l.replace(/^\$ /, '').replace(/\s+#.*$/, '').replace(/\s*>>?\s*\S+$/, '').trim())
        .filter((l) => /^(npx --no-install )?tune\b/.test(l))
        .map((l) => l.replace(/^npx --no-install /, '')),
    )
    .filter((b) => b.length > 0);
  it('finds them', () => expect(blocks.flat().length).toBeGreaterThan(15));
  it.each(blocks.map((b) => [b[0]!, b] as const))('the block of %s', async (_first, block) => {
    const project = mkdtempSync(path.join(os.tmpdir(), 'tune-readme-'));
    cpSync(path.resolve(__dirname, 'fixtures/readme'), project, { recursive: true });
    // `tune inspect --pid N` reads a server that runs: the project's own, started as its Procfile says.
    const server = block.some((l) => l.startsWith('tune inspect')) ? await startProcfileServer(project) : undefined;
    try {
      for (const line of block) {
        const words = shellWords(line).words.slice(1);
        if (server && words[0] === 'inspect') words.splice(words.indexOf('--pid') + 1, 1, String(server.pid));
        // calibrate boots the app three times (plain, preload, threads): minutes on a busy machine.
        const r = tune(words, { cwd: project, env: { PATH: `/usr/bin:/bin:${process.env.PATH}` }, timeoutMs: words[0] === 'calibrate' ? 110_000 : 30_000 });
        expect([0, 1], `${line}\n${r.stderr}`).toContain(r.status);
        expect(r.stderr).not.toMatch(STACK);
        if (server && words[0] === 'inspect') expect(r.stdout).toMatch(/gunicorn/);
      }
    } finally {
      server?.stop();
    }
  }, 180_000);
});
