// The page is the CLI: for a grid of inputs, every tab's text, stderr and exit code equal what
// `node dist/bin/tune.cjs … --format X` prints, byte for byte, and the settings table equals its JSON.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shellWords } from '../../src/check/shell-words.js';
import { FORMATS } from '../../src/render/types.js';
import { tune } from '../cli/run.js';
import { launch, open, PAGE_DIR, watch, type Watched } from './browser.js';
import { argsOf, GRID, PROFILE, queryOf } from './grid.js';

let browser: Browser;
let page: Page;
let watched: Watched;
let cwd: string;

beforeAll(async () => {
  cwd = mkdtempSync(path.join(os.tmpdir(), 'tune-web-'));
  writeFileSync(path.join(cwd, 'tune-profile.json'), PROFILE);
  browser = await launch();
  page = await browser.newPage();
  watched = watch(page);
});
afterAll(async () => {
  await browser?.close();
  rmSync(cwd, { recursive: true, force: true });
});

/** What a tab shows: stdout's text (or none), the stderr lines, the exit code and the command line. */
async function tab(format: string) {
  return page.evaluate((f) => {
    const panel = document.getElementById(`format-panel-${f}`)!;
    const exit = panel.querySelector('.stderr > p')?.textContent ?? 'exit 0';
    return {
      text: panel.querySelector('pre.file')?.textContent ?? null,
      stderr: panel.querySelector('pre[data-stderr]')?.textContent ?? '',
      exit: Number(/exit (\d)/.exec(exit)![1]),
      command: panel.querySelector('code[data-command]')!.textContent!,
    };
  }, format);
}

describe.each(GRID.map((c) => [argsOf(c).join(' '), c] as const))('tune %s', (_, c) => {
  const args = argsOf(c);

  it('every format: the same text, stderr and exit code as the CLI', async () => {
    await open(page, queryOf(c));
    for (const format of FORMATS) {
      const cli = tune([...args, '--format', format], { cwd });
      const shown = await tab(format);
      expect(shown.text, format).toBe(cli.status === 2 || (cli.status === 1 && cli.stdout === '') ? null : cli.stdout);
      expect(shown.stderr, format).toBe(cli.stderr.replace(/\n$/, ''));
      expect(shown.exit, format).toBe(cli.status);
      // The command shown runs to the same: the same flags and values (order aside).
      const words = shellWords(shown.command).words;
      expect(words[0]).toBe('tune');
      expect(pairs(words.slice(1))).toEqual(pairs([...args, ...(format === 'table' ? [] : ['--format', format])]));
    }
  });

  it('the table with --explain, and the settings drawn with their values', async () => {
    await open(page, queryOf(c, [['explain', 'on']]));
    const cli = tune([...args, '--explain'], { cwd });
    expect((await tab('table')).text).toBe(cli.stdout);
    const json = tune([...args, '--format', 'json'], { cwd });
    const settings = JSON.parse(json.stdout).settings as Record<string, unknown>;
    const rows = await page.$$eval('.settings tbody tr', (trs) => trs.map((tr) => [tr.getAttribute('data-setting'), tr.querySelector('td.value')!.textContent, tr.querySelector('td.why')!.textContent]));
    expect(rows.map(([k, v]) => [k, v])).toEqual(Object.entries(settings).map(([k, v]) => [k, v === null ? '(not set)' : String(v)]));
    // Every row carries its reason (the --explain column).
    for (const [k, , why] of rows) expect(why, k!).not.toBe('');
  });
});

it('no request left the page: only its own files were read', () => {
  const own = new Set(['index.html', 'style.css', 'app.js', 'check.js']);
  expect(watched.requests.length).toBeGreaterThan(0);
  for (const url of watched.requests) {
    expect(url.startsWith('file://'), url).toBe(true);
    const file = decodeURIComponent(new URL(url).pathname);
    expect(path.dirname(file)).toBe(PAGE_DIR);
    expect(own.has(path.basename(file)), url).toBe(true);
  }
  expect(watched.errors).toEqual([]);
});

/** A command line's words as sorted "flag value" pairs. */
function pairs(words: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const next = words[i + 1];
    if (next !== undefined && !next.startsWith('--')) out.push(`${words[i]} ${next}`), i++;
    else out.push(words[i]!);
  }
  return out.sort();
}
