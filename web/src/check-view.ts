// The check tab: pasted files in, `tune check`'s report out, in its three formats. The check itself is
// in check.js (check-entry.ts), loaded the first time the tab shows.
import type { runCheckPage as RunCheck } from './check-compute.js';
import { CHECK_FORMATS } from '../../src/render/check/report.js';
import { byId, fill, h } from './dom.js';
import { outputPanel } from './files.js';
import { tabs, type Tabs } from './tabs.js';
import { checkCommand, type Values } from './values.js';

let formatTabs: Tabs | undefined;

export function setupCheck(onChange: () => void): Tabs {
  const panels: Record<string, HTMLElement> = {};
  for (const f of CHECK_FORMATS) panels[f] = h('div', { id: `check-panel-${f}`, class: 'format-panel' });
  formatTabs = tabs({ id: 'check-tab', label: 'Check report format', names: [...CHECK_FORMATS], store: byId<HTMLInputElement>('store-check-format'), panels, onChange });
  fill(byId('check-formats'), formatTabs.element, ...Object.values(panels));
  return formatTabs;
}

let loading: Promise<typeof RunCheck> | undefined;

/** check.js, added once as a classic script beside app.js (file:// refuses module scripts). */
function loadCheck(): Promise<typeof RunCheck> {
  loading ??= new Promise((resolve, reject) => {
    const script = h('script', { src: 'check.js' });
    script.addEventListener('load', () => resolve((globalThis as { tuneCheck?: typeof RunCheck }).tuneCheck!));
    script.addEventListener('error', () => reject(new Error('check.js could not be loaded: it belongs beside index.html')));
    document.head.append(script);
  });
  return loading;
}

/** Draws the check of `v`, unless a newer change came in while check.js loaded. */
export async function drawCheck(v: Values, presets: Record<string, string>, status: HTMLElement, current: () => boolean): Promise<void> {
  const runCheckPage = await loadCheck();
  if (!current()) return;
  const out = runCheckPage(v, presets);
  const error = byId('check-error');
  const summary = byId('check-summary');
  error.hidden = out.ok;
  error.textContent = out.ok ? '' : out.error;
  if (!out.ok) {
    fill(summary, h('code', { 'data-command': 'check' }, checkCommand(v)));
    for (const f of CHECK_FORMATS) fill(byId(`check-panel-${f}`));
    byId('check-formats').hidden = true;
    return;
  }
  byId('check-formats').hidden = false;
  const s = out.result.summary;
  fill(
    summary,
    h('span', { class: s.errors ? 'bad' : 'ok' }, s.errors ? `fails: exit ${out.exitCode}` : 'passes: exit 0'),
    ` · ${s.errors} error(s), ${s.warnings} warning(s), ${s.notes} note(s) in ${out.result.targets.length} server configuration(s)`,
  );
  for (const f of CHECK_FORMATS) {
    const withFormat = { ...v, 'check-format': f === 'table' ? '' : f };
    fill(byId(`check-panel-${f}`), ...outputPanel(`check-${f}`, { text: out.outputs[f], stderr: [], exitCode: out.exitCode, command: checkCommand(withFormat) }, status));
  }
}
