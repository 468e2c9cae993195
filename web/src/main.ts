// The page: the form, the query string and the outputs kept in step. Every change recomputes everything
// (a recommendation takes well under a millisecond) and rewrites the URL, so any state is a link.
import PRESETS from 'virtual:presets';
import { drawCheck, setupCheck } from './check-view.js';
import { output, prepare } from './compute.js';
import { byId, fill, h } from './dom.js';
import { capacityChart, findings, memoryBar, settingsTable, summary } from './draw.js';
import { outputPanel } from './files.js';
import { buildForm, readForm, writeForm } from './form.js';
import { tabs } from './tabs.js';
import { formatOf, fromQuery, toQuery, tuneCommand, type Values } from './values.js';
import { INPUT_OPTIONS } from '../../src/cli/input-options.js';
import { FORMATS, type Format } from '../../src/render/types.js';

/** What a first visit shows: a small machine, so the page opens on a result. */
const FIRST_VISIT: Values = { cpus: '2', mem: '2g' };

const presetNames = Object.entries(PRESETS).map(([name, text]): [string, string] => {
  const p = JSON.parse(text) as { description?: string };
  return [name, `${name}: ${p.description ?? ''}`];
});

const status = byId('status');
fill(byId('fields'), ...buildForm(presetNames));

const modePanels = { recommend: byId('panel-recommend'), check: byId('panel-check') };
const modes = tabs({ id: 'mode', label: 'What to do', names: ['recommend', 'check'], titles: { recommend: 'Recommend', check: 'Check a configuration' }, store: byId<HTMLInputElement>('store-tab'), panels: modePanels, onChange: update });
byId('modes').append(modes.element);

const formatPanels: Record<string, HTMLElement> = {};
for (const f of FORMATS) formatPanels[f] = h('div', { id: `format-panel-${f}`, class: 'format-panel' });
const formats = tabs({ id: 'format-tab', label: 'Output format', names: [...FORMATS], store: byId<HTMLInputElement>('store-format'), panels: formatPanels, onChange: update });
fill(byId('formats'), formats.element, ...Object.values(formatPanels));
const checkFormats = setupCheck(update);

function load(v: Values): void {
  writeForm(document, v);
  modes.select(v.tab ?? '');
  formats.select(formatOf(v));
  checkFormats.select(v['check-format'] ?? '');
}

let generation = 0;
let marked = false;
/** The page's first result on screen, once: what bench/web.mjs reads. */
function markFirst(): void {
  if (!marked) performance.mark('tune:first-result');
  marked = true;
}

/**
 * Recomputes and redraws. The result and the selected tab come first; the other formats follow after
 * that paint. html[data-busy] is set until everything is drawn (the tests wait on it), and
 * html[data-ready] once the first state is (the page's performance mark tune:first-result is earlier).
 */
async function update(): Promise<void> {
  const mine = ++generation;
  const root = document.documentElement;
  root.dataset.busy = 'true';
  const v = readForm(document);
  showPreset(v.preset);
  history.replaceState(null, '', toQuery(v) || location.pathname);
  if (v.tab === 'check') await drawCheck(v, PRESETS, status, () => mine === generation);
  else await drawRecommend(v, () => mine === generation);
  if (mine !== generation) return;
  markFirst();
  delete root.dataset.busy;
  root.dataset.ready = 'true';
}

async function drawRecommend(v: Values, current: () => boolean): Promise<void> {
  const p = prepare(v, PRESETS);
  const error = byId('error');
  const result = byId('result');
  markInvalid(p.ok ? undefined : p.error);
  error.hidden = p.ok;
  error.textContent = p.ok ? '' : p.error;
  byId('files').hidden = !p.ok;
  if (!p.ok) {
    fill(result, h('p', { class: 'command' }, h('span', { class: 'prompt', 'aria-hidden': 'true' }, '$ '), h('code', { 'data-command': 'input' }, tuneCommand(v))));
    return;
  }
  const rec = p.rec;
  fill(result, summary(rec), settingsTable(rec), memoryBar(rec), capacityChart(rec), findings(rec));
  const selected = formatOf(v);
  const draw = async (f: Format) => {
    const o = await output(p, f);
    if (current()) fill(formatPanels[f]!, ...outputPanel(f, { ...(o.text !== undefined ? { text: o.text } : {}), stderr: o.stderr, exitCode: o.exitCode, command: tuneCommand(v, f) }, status));
  };
  await draw(selected);
  if (current()) markFirst();
  // The hidden tabs after the first paint: their renderers (YAML, the terminal table) are not waited for.
  await new Promise((resolve) => setTimeout(resolve, 0));
  for (const f of FORMATS) if (f !== selected && current()) await draw(f);
}

/** A preset's values as the placeholders of the fields it fills (a typed value still wins, as on the CLI). */
function showPreset(name: string | undefined): void {
  let preset: Record<string, unknown> = {};
  try {
    if (name && Object.hasOwn(PRESETS, name)) preset = JSON.parse(PRESETS[name]!) as Record<string, unknown>;
  } catch {
    // a broken preset is reported by the computation itself
  }
  for (const o of INPUT_OPTIONS) {
    const el = document.querySelector<HTMLInputElement>(`input[type=text][name="${o.flag.slice(2)}"]`);
    if (!el) continue;
    el.dataset.placeholder ??= el.placeholder;
    el.placeholder = preset[o.field] !== undefined ? `${String(preset[o.field])} (from the preset)` : el.dataset.placeholder;
  }
}

/** The field an error names (`tune: --mem: …`, `tune: preset x: …`) is marked invalid and points at the message. */
function markInvalid(error: string | undefined): void {
  for (const el of document.querySelectorAll('[aria-invalid]')) {
    el.removeAttribute('aria-invalid');
    el.removeAttribute('aria-errormessage');
  }
  const m = error && /^tune: (?:--(?:no-)?([a-z-]+)|(preset) )/.exec(error);
  if (!m) return;
  const el = document.querySelector(`[name="${m[1] ?? m[2]}"]`);
  el?.setAttribute('aria-invalid', 'true');
  el?.setAttribute('aria-errormessage', 'error');
}

// Typing recomputes at once; the profile and check files once the edit pauses for 100 ms, the limit
// under which a response still feels instantaneous (Nielsen, Usability Engineering, 1993, ch. 5).
let timer: ReturnType<typeof setTimeout> | undefined;
document.addEventListener('input', (e) => {
  const big = e.target instanceof HTMLTextAreaElement;
  clearTimeout(timer);
  if (big) timer = setTimeout(() => void update(), 100);
  else void update();
});
window.addEventListener('popstate', () => {
  load(fromQuery(location.search));
  void update();
});

const initial = fromQuery(location.search);
load(Object.keys(initial).length ? initial : FIRST_VISIT);
void update();
