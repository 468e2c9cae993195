// Accessible and usable on a phone: every control has a label, the tabs work from the keyboard, text
// contrast meets WCAG AA (4.5:1), and at a phone's width nothing runs off the side of the page.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launch, open } from './browser.js';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launch();
  page = await browser.newPage();
  page.setDefaultTimeout(10_000);
});
afterAll(async () => {
  await browser?.close();
});

it('every control has a visible label; every flag of tune has a control', async () => {
  await open(page, '?cpus=2&mem=1g&workload=io&users=50');
  const unlabelled = await page.$$eval('input:not([type=hidden]), select, textarea', (els) => els.filter((e) => !(e as HTMLInputElement).labels?.length && !e.getAttribute('aria-label') && !e.classList.contains('offscreen')).map((e) => e.outerHTML));
  expect(unlabelled).toEqual([]);
  const { INPUT_OPTIONS } = await import('../../src/cli/input-options.js');
  const names = await page.$$eval('[name]', (els) => els.map((e) => e.getAttribute('name')));
  for (const o of INPUT_OPTIONS) expect(names, o.flag).toContain(o.flag.slice(2));
  expect(names).toEqual(expect.arrayContaining(['preset', 'profile']));
});

it('the format tabs follow the keyboard: arrows, Home and End', async () => {
  await open(page, '?cpus=2&mem=1g');
  await page.focus('#format-tab-table');
  await page.keyboard.press('ArrowRight');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('format-tab-json');
  expect(await page.isVisible('#format-panel-json')).toBe(true);
  expect(await page.isVisible('#format-panel-table')).toBe(false);
  await page.keyboard.press('End');
  expect(await page.getAttribute('#format-tab-k8s', 'aria-selected')).toBe('true');
  await page.keyboard.press('ArrowRight');
  expect(await page.getAttribute('#format-tab-table', 'aria-selected')).toBe('true');
  // Only the selected tab is in the Tab order.
  expect(await page.$$eval('#formats [role=tab]', (bs) => bs.filter((b) => (b as HTMLElement).tabIndex === 0).length)).toBe(1);
});

it('text contrast is at least 4.5:1 everywhere on the page', async () => {
  await open(page, '?cpus=1&mem=128m&class=sync&explain=on');
  const low = await page.evaluate(() => {
    const rgb = (s: string) => (s.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r, g, b]: number[]) => {
      const c = [r!, g!, b!].map((v) => {
        const x = v / 255;
        return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!;
    };
    const background = (el: Element | null): number[] => {
      for (; el; el = el.parentElement) {
        const c = rgb(getComputedStyle(el).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3]! > 0)) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement!;
      if (!n.textContent!.trim() || el.closest('[hidden]') || !el.getClientRects().length) continue;
      const fg = lum(rgb(getComputedStyle(el).color));
      const bg = lum(background(el));
      const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      if (ratio < 4.5) out.push(`${ratio.toFixed(2)} ${el.tagName}.${el.className}: ${n.textContent!.trim().slice(0, 40)}`);
    }
    return out;
  });
  expect(low).toEqual([]);
});

it('on a phone (390 px) the page is one column and nothing runs off the side', async () => {
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await open(phone, '?cpus=2&mem=1g&class=gthread&explain=on');
  const { scroll, form, results } = await phone.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    form: document.getElementById('inputs')!.getBoundingClientRect(),
    results: document.getElementById('results')!.getBoundingClientRect(),
  }));
  expect(scroll).toBeLessThanOrEqual(390);
  expect(results.top).toBeGreaterThanOrEqual(form.bottom);
  expect(form.width).toBeGreaterThan(300);
  // Controls are big enough to touch (WCAG 2.5.8: at least 24 × 24 CSS px).
  const small = await phone.$$eval('button, select, input[type=text], [role=tab]', (els) => els.filter((e) => (e as HTMLElement).offsetParent && (e.getBoundingClientRect().height < 24 || e.getBoundingClientRect().width < 24)).map((e) => e.outerHTML.slice(0, 60)));
  expect(small).toEqual([]);
  await phone.close();
});
