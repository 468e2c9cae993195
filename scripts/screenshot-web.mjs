// The README's picture of the page (docs/web-page.png), taken with the browser the tests use
// (scripts/chromium.mjs) on the built page: `npm run build:web && node scripts/screenshot-web.mjs`.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launchChromium } from './chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const QUERY = '?preset=aws-t3-medium&class=gthread&workload=io&users=120&format=gunicorn';
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1280, height: 1500 } });
await page.goto(pathToFileURL(path.join(root, 'web/dist/index.html')).href + QUERY);
await page.waitForSelector('html[data-ready="true"]');
const out = path.join(root, 'docs/web-page.png');
await page.screenshot({ path: out });
await browser.close();
console.error(`wrote ${path.relative(root, out)}`);
