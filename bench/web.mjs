#!/usr/bin/env node
// The web page's cost: the bundle's size (raw, gzip, brotli; what makes it up) and the time from
// navigation to the first result drawn (settings, memory, capacity and the selected tab's file; the
// other tabs follow), in Debian's Chromium from file://, median of fresh page loads,
// at full speed and with the CPU slowed 4× (Chrome DevTools' "mid-tier mobile" setting); and the
// time to redraw everything after a keystroke. `npm run bench:web` builds the page first.
// Usage: node bench/web.mjs [--runs N]. Writes bench/results/web.{json,md}.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { CHROMIUM, launchChromium } from '../scripts/chromium.mjs';
import { pageBundle } from '../scripts/web-bundle.mjs';
import { median, writeAtomic } from './lib/util.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'web', 'dist');
const runs = Number(process.argv.includes('--runs') ? process.argv[process.argv.indexOf('--runs') + 1] : 15);
const QUERY = '?cpus=4&mem=2g&class=gthread&workload=io&users=200';

// Size: what a visitor downloads, and which inputs the script is made of (esbuild's metafile).
const files = readdirSync(dist).map((f) => ({ file: f, bytes: statSync(path.join(dist, f)).size }));
const scripts = {};
for (const f of ['app.js', 'check.js']) {
  const js = readFileSync(path.join(dist, f));
  scripts[f] = { bytes: js.length, gzipBytes: gzipSync(js, { level: 9 }).length, brotliBytes: brotliCompressSync(js).length };
}
const size = { files, totalBytes: files.reduce((n, f) => n + f.bytes, 0), scripts };
const meta = await build({ ...pageBundle(path.join(os.tmpdir(), 'tune-bench-web')), write: false, metafile: true });
const composition = {};
for (const [out, o] of Object.entries(meta.metafile.outputs)) {
  const parts = {};
  for (const [input, info] of Object.entries(o.inputs)) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
    const key = m ? m[1] : input.startsWith('src/') ? input.split('/').slice(0, 2).join('/') + (input.startsWith('src/check/python') ? '/python' : '') : input.startsWith('web/') ? 'web/src' : 'other';
    parts[key] = (parts[key] ?? 0) + info.bytesInOutput;
  }
  composition[path.basename(out)] = Object.entries(parts).sort((a, b) => b[1] - a[1]);
}

// Time to first result: the page's own mark (web/src/main.ts), from navigation start.
const browser = await launchChromium();
const version = browser.version();
// The check tab from a link: app.js, then check.js, then the report of a pasted gunicorn.conf.py.
const CHECK_QUERY = `?${new URLSearchParams({ tab: 'check', cpus: '2', mem: '1g', conf: 'import multiprocessing\nworkers = multiprocessing.cpu_count() * 2 + 1\nthreads = 4\n' })}`;
async function firstResult(throttle, query = QUERY) {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (throttle > 1) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: throttle });
  await page.goto(pathToFileURL(path.join(dist, 'index.html')).href + query);
  await page.waitForSelector('html[data-ready="true"]');
  const t = await page.evaluate(() => {
    const first = performance.getEntriesByName('tune:first-result')[0].startTime;
    // The first of the marks is app.js's (check.js carries one too).
    return { first, script: first - performance.getEntriesByName('tune:script')[0].startTime, dcl: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd };
  });
  if (query !== QUERY) {
    await context.close();
    return t;
  }
  // A keystroke: the users field changes, everything is computed and drawn again.
  const redraw = await page.evaluate(async () => {
    const el = document.querySelector('[name=users]');
    const result = document.getElementById('result');
    const times = [];
    for (let i = 0; i < 10; i++) {
      const changed = new Promise((resolve) => new MutationObserver((_, o) => (o.disconnect(), resolve())).observe(result, { childList: true }));
      const t0 = performance.now();
      el.value = String(201 + i);
      el.dispatchEvent(new Event('input', { bubbles: true }));
      await changed;
      times.push(performance.now() - t0);
    }
    return times.sort((a, b) => a - b)[5];
  });
  await context.close();
  return { ...t, redraw };
}
const results = {};
for (const throttle of [1, 4]) {
  await firstResult(throttle); // warm the file cache
  const xs = [];
  for (let i = 0; i < runs; i++) xs.push(await firstResult(throttle));
  const checks = [];
  for (let i = 0; i < runs; i++) checks.push(await firstResult(throttle, CHECK_QUERY));
  results[`cpu${throttle}x`] = { firstResultMs: summary(xs.map((x) => x.first)), scriptToFirstResultMs: summary(xs.map((x) => x.script)), domContentLoadedMs: summary(xs.map((x) => x.dcl)), redrawMs: summary(xs.map((x) => x.redraw)), firstCheckReportMs: summary(checks.map((x) => x.first)) };
}
await browser.close();

function summary(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return { min: round(s[0]), median: round(median(s)), max: round(s[s.length - 1]) };
}
function round(n) {
  return Math.round(n * 10) / 10;
}
// The machine is shared: its load average when the run ended says how much the times are inflated.
const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? null, loadAverage1m: Math.round(os.loadavg()[0] * 100) / 100, chromium: version, chromiumPath: CHROMIUM, node: process.version };
const report = { generatedBy: 'npm run bench:web (bench/web.mjs)', query: QUERY, checkQuery: CHECK_QUERY, runs, machine, size, composition: Object.fromEntries(Object.entries(composition).map(([k, v]) => [k, Object.fromEntries(v)])), ...results };
writeAtomic(path.join(root, 'bench/results/web.json'), JSON.stringify(report, null, 2) + '\n');

const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const row = (name, s) => `| ${name} | ${s.median} | ${s.min}–${s.max} |`;
const md = [
  '# The web page: bundle size and time to first result',
  '',
  `Generated by \`npm run bench:web\` (bench/web.mjs): web/dist opened from file:// in headless Chromium ${version}, a fresh browser context per load, ${runs} loads after one warm-up, query \`${QUERY}\`. Machine: ${machine.cpus} CPUs (${machine.cpuModel}), shared, load average ${machine.loadAverage1m} at the end of the run; Node ${machine.node}.`,
  '',
  `## Size: ${kib(size.totalBytes)} in ${files.length} files`,
  '',
  '| script | minified | gzip | brotli | loaded |',
  '|---|---|---|---|---|',
  `| app.js | ${kib(scripts['app.js'].bytes)} | **${kib(scripts['app.js'].gzipBytes)}** | ${kib(scripts['app.js'].brotliBytes)} | always |`,
  `| check.js | ${kib(scripts['check.js'].bytes)} | ${kib(scripts['check.js'].gzipBytes)} | ${kib(scripts['check.js'].brotliBytes)} | when the check tab opens |`,
  '',
  'What each is made of (KiB in the minified output):',
  '',
  ...Object.entries(composition).flatMap(([out, parts]) => [`- ${out}: ${parts.map(([k, v]) => `${k} ${(v / 1024).toFixed(1)}`).join(', ')}`]),
  '',
  '## Time (ms)',
  '',
  '| measure | median | range |',
  '|---|---|---|',
  row('first result drawn (from navigation), full speed', results.cpu1x.firstResultMs),
  row('… of which from app.js starting to run, full speed', results.cpu1x.scriptToFirstResultMs),
  row('DOMContentLoaded, full speed', results.cpu1x.domContentLoadedMs),
  row('result redrawn after a keystroke, full speed', results.cpu1x.redrawMs),
  row('first check report from a link (loads check.js), full speed', results.cpu1x.firstCheckReportMs),
  row('first result drawn (from navigation), CPU 4× slower', results.cpu4x.firstResultMs),
  row('… of which from app.js starting to run, CPU 4× slower', results.cpu4x.scriptToFirstResultMs),
  row('result redrawn after a keystroke, CPU 4× slower', results.cpu4x.redrawMs),
  row('first check report from a link, CPU 4× slower', results.cpu4x.firstCheckReportMs),
  '',
].join('\n');
writeAtomic(path.join(root, 'bench/results/web.md'), md);
console.log(md);
