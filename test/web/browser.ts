// Debian's Chromium driven by playwright-core (no browser download): one headless browser per test file.
// Chromium's own background connections (updates, sync, field trials) are turned off, or they fail
// against a closed network; playwright gives each launch a fresh profile folder of its own.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const PAGE_DIR = path.join(ROOT, 'web', 'dist');
export const PAGE_URL = pathToFileURL(path.join(PAGE_DIR, 'index.html')).href;

/** Debian's chromium, or TUNE_CHROMIUM. */
export const CHROMIUM = process.env.TUNE_CHROMIUM ?? '/usr/bin/chromium';

export function haveChromium(): boolean {
  return existsSync(CHROMIUM);
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // As root (CI, this machine) Chromium's sandbox cannot start.
    chromiumSandbox: false,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-default-apps', '--disable-features=Translate,OptimizationHints,MediaRouter'],
  });
}

/** Requests the page made, and errors it threw or logged. */
export interface Watched {
  requests: string[];
  errors: string[];
}

export function watch(page: Page): Watched {
  const w: Watched = { requests: [], errors: [] };
  page.on('request', (r) => w.requests.push(r.url()));
  page.on('pageerror', (e) => w.errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') w.errors.push(m.text());
  });
  return w;
}

/** Opens the page with a query string and waits for its first result. */
export async function open(page: Page, query = ''): Promise<void> {
  await page.goto(PAGE_URL + query);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 15_000 });
}
