// WAI-ARIA tabs: buttons in a tablist, one panel each; arrow keys, Home and End move between them. The
// selected tab's name is written to a hidden input, so it lives in the form and the URL like any value.
import { h } from './dom.js';

export interface Tabs {
  element: HTMLElement;
  select(name: string, focus?: boolean): void;
  selected(): string;
}

export function tabs(opts: { id: string; label: string; names: string[]; titles?: Record<string, string>; store: HTMLInputElement; panels: Record<string, HTMLElement>; onChange: () => void }): Tabs {
  const buttons = opts.names.map((name) =>
    h('button', { type: 'button', role: 'tab', id: `${opts.id}-${name}`, 'aria-controls': opts.panels[name]!.id, 'data-tab': name }, opts.titles?.[name] ?? name),
  );
  const element = h('div', { role: 'tablist', 'aria-label': opts.label, class: 'tablist' }, ...buttons);
  for (const name of opts.names) {
    const panel = opts.panels[name]!;
    panel.setAttribute('role', 'tabpanel');
    panel.setAttribute('aria-labelledby', `${opts.id}-${name}`);
    panel.tabIndex = 0;
  }
  const select = (name: string, focus = false) => {
    const chosen = opts.names.includes(name) ? name : opts.names[0]!;
    for (const b of buttons) {
      const on = b.dataset.tab === chosen;
      b.setAttribute('aria-selected', String(on));
      b.tabIndex = on ? 0 : -1;
      if (on && focus) b.focus();
    }
    for (const n of opts.names) opts.panels[n]!.hidden = n !== chosen;
    opts.store.value = chosen === opts.names[0] ? '' : chosen;
  };
  element.addEventListener('click', (e) => {
    const b = (e.target as HTMLElement).closest<HTMLButtonElement>('[role=tab]');
    if (!b) return;
    select(b.dataset.tab!);
    opts.onChange();
  });
  element.addEventListener('keydown', (e) => {
    const i = opts.names.indexOf(selected());
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: opts.names.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    select(opts.names[(next + opts.names.length) % opts.names.length]!, true);
    opts.onChange();
  });
  const selected = () => buttons.find((b) => b.getAttribute('aria-selected') === 'true')?.dataset.tab ?? opts.names[0]!;
  return { element, select, selected };
}
