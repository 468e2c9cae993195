// The check tab runs `tune check` in the page: for pasted files, each report format and the exit code
// equal the CLI's run in a folder holding the same files; a file that cannot be judged gets its words.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CHECK_FORMATS } from '../../src/render/check/report.js';
import { tune } from '../cli/run.js';
import { launch, open, watch, type Watched } from './browser.js';

let browser: Browser;
let page: Page;
let watched: Watched;
const dirs: string[] = [];

beforeAll(async () => {
  browser = await launch();
  page = await browser.newPage();
  page.setDefaultTimeout(10_000);
  watched = watch(page);
});
afterAll(async () => {
  await browser?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const FILE_OF: Record<string, string> = { conf: 'gunicorn.conf.py', dotenv: '.env', compose: 'compose.yaml', procfile: 'Procfile' };

interface Case {
  name: string;
  files: Record<string, string>;
  /** The page's other values, as (key, value); the CLI's flags follow from them. */
  values: [string, string][];
}

const CASES: Case[] = [
  {
    name: 'gunicorn.conf.py with a misspelt setting',
    files: { conf: 'import multiprocessing\nworkers = multiprocessing.cpu_count() * 2 + 1\nworker = 3\nthreads = 8\nworker_class = "gthread"\ntimeout = 30\n' },
    values: [['cpus', '2'], ['mem', '1g']],
  },
  {
    name: 'compose service with limits and an env_file',
    files: {
      compose: 'services:\n  web:\n    image: app\n    command: gunicorn app:app -w 8 -k sync --bind 0.0.0.0:8000\n    env_file: .env\n    deploy:\n      resources:\n        limits:\n          memory: 512M\n          cpus: "1"\n',
      dotenv: 'WEB_CONCURRENCY=6\nGUNICORN_CMD_ARGS="--timeout 120 --keep-alive 2"\n',
    },
    values: [['cpus', '2'], ['lb-idle-timeout', '60']],
  },
  { name: 'Procfile, strict, suggest', files: { procfile: 'web: gunicorn app:app --workers 4 --threads 4 -k gthread --preload\n' }, values: [['cpus', '2'], ['mem', '2g'], ['db-max-connections', '10'], ['strict', 'on'], ['suggest', 'on']] },
  { name: '--cmd alone, with a preset', files: {}, values: [['cpus', '1'], ['preset', 'heroku-standard-1x'], ['cmd', 'uvicorn app:app --workers 4 --limit-concurrency 500']] },
  { name: 'a config file with a bad escape (CPython’s byte positions)', files: { conf: 'workers = 2\nproc_name = "café \\x4"\n' }, values: [['cpus', '2'], ['mem', '1g']] },
  { name: 'no memory budget anywhere', files: { procfile: 'web: gunicorn app:app -w 2\n' }, values: [['cpus', '2']] },
  { name: 'nothing to check', files: {}, values: [['cpus', '2'], ['mem', '1g']] },
  { name: 'bad --cpus', files: { procfile: 'web: gunicorn app:app -w 2\n' }, values: [['cpus', 'two'], ['mem', '1g']] },
];

function cliArgs(c: Case): string[] {
  const args = ['check', ...Object.keys(FILE_OF).filter((k) => c.files[k] !== undefined).map((k) => FILE_OF[k]!)];
  for (const [k, v] of c.values) args.push(...(v === 'on' ? [`--${k}`] : [`--${k}`, v]));
  return args;
}

function folder(c: Case): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tune-web-check-'));
  dirs.push(dir);
  for (const [k, text] of Object.entries(c.files)) writeFileSync(path.join(dir, FILE_OF[k]!), text);
  return dir;
}

it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_, c) => {
  const cwd = folder(c);
  const query = new URLSearchParams([['tab', 'check'], ...Object.entries(c.files), ...c.values]);
  await open(page, `?${query}`);
  expect(await page.getAttribute('#mode-check', 'aria-selected')).toBe('true');
  for (const format of CHECK_FORMATS) {
    const cli = tune([...cliArgs(c), '--format', format], { cwd });
    const shown = await page.evaluate((f) => {
      const err = document.getElementById('check-error')!;
      const panel = document.getElementById(`check-panel-${f}`)!;
      return {
        error: err.hidden ? '' : err.textContent,
        text: panel.querySelector('pre.file')?.textContent ?? '',
        exit: Number(/exit (\d)/.exec(panel.querySelector('.stderr > p')?.textContent ?? 'exit 0')![1]),
      };
    }, format);
    if (cli.status === 2) {
      expect(shown.error).toBe(cli.stderr.trimEnd());
      continue;
    }
    expect(cli.stderr).toBe('');
    expect(shown.text, format).toBe(cli.stdout);
    expect(shown.exit, format).toBe(cli.status);
  }
  const command = await page.textContent('#check-panel-table code[data-command], #check-summary code[data-command]');
  expect(command).toBe(['tune', ...cliArgs(c).map((a) => (/^[A-Za-z0-9_.:/=@%+,-]+$/.test(a) ? a : `'${a}'`))].join(' '));
});

it('typing a file in recomputes the report', async () => {
  await open(page, '?tab=check&cpus=2&mem=1g');
  await page.fill('[name=conf]', 'workers = 40\n');
  await expect.poll(() => page.textContent('#check-panel-table pre.file')).toMatch(/40 workers/);
  expect(new URL(page.url()).searchParams.get('conf')).toBe('workers = 40\n');
});

it('no request left the page, and it logged no error', () => {
  for (const url of watched.requests) expect(url, url).toMatch(/^file:\/\//);
  expect(watched.errors).toEqual([]);
});
