// The page in Debian's Chromium (scripts/chromium.mjs launches it): where it is, what it requested, and
// opening it on a query string.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/chromium.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const PAGE_DIR = path.join(ROOT, 'web', 'dist');
export const PAGE_URL = pathToFileURL(path.join(PAGE_DIR, 'index.html')).href;

export function launch(): Promise<Browser> {
  return launchChromium();
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
  await page.waitForSelector('html[data-ready="true"]:not([data-busy])', { timeout: 15_000 });
}

/** Waits until the page has drawn everything for its latest change. */
export async function settled(page: Page): Promise<void> {
  await page.waitForSelector('html:not([data-busy])', { timeout: 15_000 });
}
