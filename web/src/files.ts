// One output in a tab: the text as `tune … --format X` prints it, a copy button, a download, what the CLI
// would say on stderr, and the command line that prints the same. Copy and download hand over the very
// string shown, with no request: the clipboard, or a Blob saved through a[download].
import type { Format } from '../../src/render/types.js';
import { h } from './dom.js';

/** The file name a format is usually saved under (the README's examples). */
const FILE_NAMES: Record<string, string> = {
  table: 'tune-report.txt',
  json: 'tune.json',
  env: 'tune.env',
  gunicorn: 'gunicorn.conf.py',
  compose: 'compose.yaml',
  waitress: 'serve.py',
  uvicorn: 'uvicorn-command.sh',
  k8s: 'k8s-container.yaml',
  'check-table': 'tune-check.txt',
  'check-json': 'tune-check.json',
  'check-github': 'tune-check-github.txt',
};

export interface Shown {
  /** What the tab shows and hands over; undefined when the CLI prints nothing on stdout. */
  text?: string;
  stderr: string[];
  exitCode: number;
  command: string;
}

export function outputPanel(key: Format | string, shown: Shown, status: HTMLElement): HTMLElement[] {
  const out: HTMLElement[] = [h('p', { class: 'command' }, h('span', { class: 'prompt', 'aria-hidden': 'true' }, '$ '), h('code', { 'data-command': key }, shown.command), ' ', copyButton(shown.command, 'Copy command', status))];
  if (shown.text !== undefined) {
    const name = FILE_NAMES[key] ?? `${key}.txt`;
    out.push(
      h('div', { class: 'actions' }, copyButton(shown.text, `Copy ${name}`, status, 'copy-text'), downloadButton(shown.text, name)),
      h('pre', { class: 'file', 'data-format': key, tabindex: 0, 'aria-label': `${name} as tune prints it` }, shown.text),
    );
  } else out.push(h('p', { class: 'nothing' }, 'Nothing on stdout: see below.'));
  if (shown.stderr.length || shown.exitCode !== 0)
    out.push(
      h(
        'div',
        { class: `stderr exit-${shown.exitCode}` },
        h('p', {}, `exit ${shown.exitCode}${shown.stderr.length ? ', and on stderr:' : ''}`),
        shown.stderr.length ? h('pre', { 'data-stderr': key }, shown.stderr.join('\n')) : null,
      ),
    );
  return out;
}

function copyButton(text: string, label: string, status: HTMLElement, cls = 'copy'): HTMLButtonElement {
  const b = h('button', { type: 'button', class: cls }, label);
  b.addEventListener('click', () => {
    void copyText(text).then((ok) => {
      status.textContent = ok ? `Copied: ${label.replace(/^Copy /, '')}` : 'Copy failed: select the text and copy it by hand';
    });
  });
  return b;
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard API here (an older browser, a denied permission): the selection way.
    const area = h('textarea', { class: 'offscreen', 'aria-hidden': 'true', readonly: true });
    area.value = text;
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

function downloadButton(text: string, name: string): HTMLButtonElement {
  const b = h('button', { type: 'button', class: 'download' }, `Download ${name}`);
  b.addEventListener('click', () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const a = h('a', { href: url, download: name, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    // The download has its bytes once it starts; the URL is let go later rather than mid-start.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  });
  return b;
}
