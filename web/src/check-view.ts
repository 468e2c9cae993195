// The check tab: pasted files in, `tune check`'s report out, in its three formats.
import { CHECK_FORMATS, runCheckPage } from './check-compute.js';
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

export function drawCheck(v: Values, presets: Record<string, string>, status: HTMLElement): void {
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
