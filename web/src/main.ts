// The page: the form, the query string and the outputs kept in step. Every change recomputes everything
// (a recommendation takes well under a millisecond) and rewrites the URL, so any state is a link.
import PRESETS from 'virtual:presets';
import { drawCheck, setupCheck } from './check-view.js';
import { compute } from './compute.js';
import { byId, fill, h } from './dom.js';
import { capacityChart, findings, memoryBar, settingsTable, summary } from './draw.js';
import { outputPanel } from './files.js';
import { buildForm, readForm, writeForm } from './form.js';
import { tabs } from './tabs.js';
import { formatOf, fromQuery, toQuery, tuneCommand, type Values } from './values.js';
import { FORMATS } from '../../src/render/types.js';

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
let first = true;

async function update(): Promise<void> {
  const mine = ++generation;
  const v = readForm(document);
  history.replaceState(null, '', toQuery(v) || location.pathname);
  if (v.tab === 'check') await drawCheck(v, PRESETS, status, () => mine === generation);
  else await drawRecommend(v, mine);
  if (first) {
    first = false;
    performance.mark('tune:first-result');
    document.documentElement.dataset.ready = 'true';
  }
}

async function drawRecommend(v: Values, mine: number): Promise<void> {
  const out = await compute(v, PRESETS);
  if (mine !== generation) return;
  const error = byId('error');
  const result = byId('result');
  markInvalid(out.ok ? undefined : out.error);
  error.hidden = out.ok;
  error.textContent = out.ok ? '' : out.error;
  byId('files').hidden = !out.ok;
  if (!out.ok) {
    fill(result, h('p', { class: 'command' }, h('span', { class: 'prompt', 'aria-hidden': 'true' }, '$ '), h('code', { 'data-command': 'input' }, tuneCommand(v))));
    return;
  }
  const rec = out.rec;
  fill(result, summary(rec), settingsTable(rec), memoryBar(rec), capacityChart(rec), findings(rec));
  for (const f of FORMATS) {
    const o = out.outputs[f];
    fill(formatPanels[f]!, ...outputPanel(f, { ...(o.text !== undefined ? { text: o.text } : {}), stderr: o.stderr, exitCode: o.exitCode, command: tuneCommand(v, f) }, status));
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

// Typing recomputes at once; the profile and check files only once the paste or edit has settled.
let timer: ReturnType<typeof setTimeout> | undefined;
document.addEventListener('input', (e) => {
  const big = e.target instanceof HTMLTextAreaElement;
  clearTimeout(timer);
  if (big) timer = setTimeout(() => void update(), 150);
  else void update();
});
window.addEventListener('popstate', () => {
  load(fromQuery(location.search));
  void update();
});

const initial = fromQuery(location.search);
load(Object.keys(initial).length ? initial : FIRST_VISIT);
void update();
