// Debian's Chromium driven by playwright-core, which downloads no browser: for the web tests
// (test/web), the page's benchmark (bench/web.mjs) and the README's screenshot (scripts/screenshot-web.mjs).
// Chromium's own background connections (updates, sync, field trials) are off, or they fail against a
// closed network; playwright gives every launch a fresh profile folder (--user-data-dir) of its own.
import { chromium } from 'playwright-core';

/** Debian's chromium (`apt-get install chromium`, listed in .ci/apt-packages), or TUNE_CHROMIUM. */
export const CHROMIUM = process.env.TUNE_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  // As root (CI, the developers' machines) Chromium's sandbox cannot start.
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-default-apps',
  '--disable-features=Translate,OptimizationHints,MediaRouter',
];

export function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, chromiumSandbox: false, args: CHROMIUM_ARGS });
}
