// The page as a person uses it: a bad value shows the CLI's own error text on the field, a link restores
// the same page, copy and download hand over the text shown, and nothing is requested from anywhere.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORMATS } from '../../src/render/types.js';
import { tune } from '../cli/run.js';
import { launch, open, PAGE_URL, settled, watch, type Watched } from './browser.js';

let browser: Browser;
let context: BrowserContext;
let page: Page;
let watched: Watched;
let cwd: string;

beforeAll(async () => {
  cwd = mkdtempSync(path.join(os.tmpdir(), 'tune-web-'));
  browser = await launch();
  context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'], acceptDownloads: true });
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
  watched = watch(page);
});
afterAll(async () => {
  await browser?.close();
  rmSync(cwd, { recursive: true, force: true });
});

const error = () => page.evaluate(() => (document.getElementById('error')!.hidden ? '' : document.getElementById('error')!.textContent));

describe('a bad input shows the CLI’s error text', () => {
  // [what the user does on the page, the same on the command line]
  const typed: [Record<string, string>, string[]][] = [
    [{ cpus: 'abc' }, ['--cpus', 'abc']],
    [{ mem: '2 gigs' }, ['--mem', '2 gigs']],
    [{ mem: '2048' }, ['--mem', '2048']],
    [{ latency: '-5' }, ['--latency', '-5']],
    [{ users: '1.5' }, ['--users', '1.5']],
    [{ headroom: '0.95' }, ['--headroom', '0.95']],
    [{ app: 'my app' }, ['--app', 'my app']],
    [{ bind: 'nowhere' }, ['--bind', 'nowhere']],
    [{ 'worker-mem': '1k' }, ['--worker-mem', '1k']],
    [{ 'db-max-connections': '0' }, ['--db-max-connections', '0']],
    [{ class: 'waitress', preload: 'on' }, ['--class', 'waitress', '--preload']],
    [{ class: 'uvicorn', preload: 'off' }, ['--class', 'uvicorn', '--no-preload']],
    [{ class: 'sync', 'legacy-uvicorn-worker': 'on' }, ['--class', 'sync', '--legacy-uvicorn-worker']],
    [{ class: 'asgi', 'gunicorn-version': '23.0.0' }, ['--class', 'asgi', '--gunicorn-version', '23.0.0']],
    [{ 'uvicorn-version': 'latest' }, ['--uvicorn-version', 'latest']],
    [{ profile: '{"version": 1, "masterBytes": 1e7}' }, ['--profile', 'tune-profile.json']],
  ];
  it.each(typed)('typed %o', async (fields, args) => {
    await open(page, '?cpus=4&mem=2g');
    for (const [name, value] of Object.entries(fields)) {
      const el = page.locator(`[name="${name}"]`);
      const tag = await el.evaluate((e) => `${e.tagName}:${(e as HTMLInputElement).type}`);
      if (tag.startsWith('SELECT')) await el.selectOption(value);
      else if (tag === 'INPUT:checkbox') await el.check();
      else await el.fill(value);
    }
    if (fields.profile) writeFileSync(path.join(cwd, 'tune-profile.json'), fields.profile);
    const cli = tune(['--cpus', '4', '--mem', '2g', ...args], { cwd });
    expect(cli.status).toBe(2);
    await expect.poll(error).toBe(cli.stderr.trimEnd());
    // The field it names is marked, and points at the message.
    const flag = /^tune: --(?:no-)?([a-z-]+)/.exec(cli.stderr)![1]!;
    const invalid = await page.locator('[aria-invalid="true"]').evaluateAll((els) => els.map((e) => e.getAttribute('name')));
    expect(invalid).toEqual([flag === 'class' ? 'class' : flag]);
    // The files are not offered for an input the CLI refuses.
    expect(await page.isVisible('#files')).toBe(false);
  });

  it.each([
    ['?cpus=4&mem=2g&class=eventlet', ['--cpus', '4', '--mem', '2g', '--class', 'eventlet']],
    ['?cpus=4&mem=2g&workload=batch', ['--cpus', '4', '--mem', '2g', '--workload', 'batch']],
    ['?preset=heroku', ['--preset', 'heroku']],
    ['?preset=Heroku%20X', ['--preset', 'Heroku X']],
    ['?preset=heroku-standard-2x&mem=64k', ['--preset', 'heroku-standard-2x', '--mem', '64k']],
  ])('from a link %s', async (query, args) => {
    await open(page, query);
    const cli = tune(args, { cwd });
    expect(cli.status).toBe(2);
    expect(await error()).toBe(cli.stderr.trimEnd());
  });

  it('no CPUs or memory: the page says it cannot read the machine (the CLI would read its own)', async () => {
    await open(page, '?mem=2g');
    expect(await error()).toMatch(/^tune: --cpus: give the CPUs or pick a preset: a web page cannot read the machine/);
    await open(page, '?cpus=2&mem=auto');
    expect(await error()).toMatch(/^tune: --mem: give the memory budget or pick a preset/);
  });
});

describe('the URL holds the state', () => {
  it('what is typed lands in the query string, and opening that link restores the same page', async () => {
    await open(page, '');
    await page.selectOption('[name=preset]', 'aws-t3-medium');
    await page.fill('[name=cpus]', '1.5');
    await page.selectOption('[name=class]', 'uvicorn-worker');
    await page.selectOption('[name=workload]', 'io');
    await page.fill('[name=users]', '120');
    await page.fill('[name=bind]', '0.0.0.0:$PORT');
    await page.check('[name=legacy-uvicorn-worker]');
    await page.check('[name=explain]');
    await page.click('#format-tab-compose');
    await expect.poll(() => page.url()).toContain('format=compose');
    await settled(page);
    const url = page.url();
    const query = new URL(url).search;
    expect(Object.fromEntries(new URLSearchParams(query))).toEqual({ cpus: '1.5', mem: '2g', class: 'uvicorn-worker', workload: 'io', users: '120', bind: '0.0.0.0:$PORT', 'legacy-uvicorn-worker': 'on', preset: 'aws-t3-medium', format: 'compose', explain: 'on' });
    const before = await snapshot(page);

    const other = await context.newPage();
    await open(other, query);
    expect(await snapshot(other)).toEqual(before);
    expect(await other.getAttribute('#format-tab-compose', 'aria-selected')).toBe('true');
    await other.close();
  });
});

/** Every value in the form and every output text. */
async function snapshot(p: Page) {
  return p.evaluate(() => ({
    fields: [...document.querySelectorAll<HTMLInputElement>('[name]')].map((e) => [e.name, e.type === 'checkbox' ? e.checked : e.value]),
    outputs: [...document.querySelectorAll('pre, code[data-command]')].map((e) => e.textContent),
    settings: document.querySelector('.settings')?.textContent,
  }));
}

describe('copy and download hand over the text shown', () => {
  it.each(FORMATS.map((f) => [f]))('%s', async (format) => {
    // The waitress and uvicorn formats are for their own servers.
    const cls = format === 'waitress' || format === 'uvicorn' ? format : 'gthread';
    await open(page, `?cpus=2&mem=1g&class=${cls}&format=${format}`);
    const panel = `#format-panel-${format}`;
    const shown = await page.textContent(`${panel} pre.file`);
    expect(shown!.length).toBeGreaterThan(50);
    await page.click(`${panel} button.copy-text`);
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(shown);
    expect(await page.textContent('#status')).toMatch(/^Copied: /);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`${panel} button.download`)]);
    expect(readFileSync((await download.path())!, 'utf8')).toBe(shown);
    expect(download.suggestedFilename()).toMatch(/^(tune-report\.txt|tune\.json|tune\.env|gunicorn\.conf\.py|compose\.yaml|serve\.py|uvicorn-command\.sh|k8s-container\.yaml)$/);
    expect(download.url()).toMatch(/^blob:/);

    await page.click(`${panel} button.copy`);
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(await page.textContent(`${panel} code[data-command]`));
  });
});

it('no request left the page, and it logged no error', () => {
  for (const url of watched.requests) expect(url, url).toMatch(/^(file:\/\/|blob:|data:)/);
  for (const url of watched.requests.filter((u) => u.startsWith('file:'))) expect(url.split('?')[0]!.replace(/[^/]+$/, '')).toBe(PAGE_URL.replace(/[^/]+$/, ''));
  expect(watched.errors).toEqual([]);
});
