// The inputs: one control per CLI flag, labelled with the flag and described by the CLI's own help
// (src/cli/input-options.ts), grouped as a person thinks of them. Reading and writing go through Values.
import { INPUT_OPTIONS } from '../../src/cli/input-options.js';
import { WORKER_CLASSES, WORKLOADS } from '../../src/core/classes.js';
import { h } from './dom.js';
import { type Values } from './values.js';

type Control = { kind: 'text'; placeholder?: string; mode?: 'decimal' | 'numeric' } | { kind: 'select'; options: [string, string][] } | { kind: 'check' } | { kind: 'area'; placeholder: string };

interface Field {
  name: string;
  label: string;
  control: Control;
  help?: string;
}

const text = (placeholder?: string, mode?: 'decimal' | 'numeric'): Control => ({ kind: 'text', ...(placeholder ? { placeholder } : {}), ...(mode ? { mode } : {}) });

function layout(presetNames: [string, string][]): { legend: string; fields: Field[] }[] {
  return [
    {
      legend: 'Machine',
      fields: [
        { name: 'preset', label: 'Preset', control: { kind: 'select', options: [['', 'none'], ...presetNames] }, help: 'machine values from presets/<name>.json; the fields below override them' },
        { name: 'cpus', label: 'CPUs', control: text('4, 1.5 or 500m', 'decimal') },
        { name: 'mem', label: 'Memory budget', control: text('2g, 512Mi, 1.5GiB') },
        { name: 'headroom', label: 'Headroom', control: text('0.1', 'decimal') },
      ],
    },
    {
      legend: 'Load',
      fields: [
        { name: 'workload', label: 'Workload', control: { kind: 'select', options: [['', 'default (mixed)'], ...WORKLOADS.map((w): [string, string] => [w, w])] } },
        { name: 'latency', label: 'Request time (ms)', control: text('100', 'decimal') },
        { name: 'users', label: 'Users at once', control: text('', 'numeric') },
        { name: 'rps', label: 'Requests per second', control: text('', 'decimal') },
      ],
    },
    {
      legend: 'Server',
      fields: [
        { name: 'class', label: 'Server / worker class', control: { kind: 'select', options: [['', 'default (gthread)'], ...WORKER_CLASSES.map((c): [string, string] => [c, c])] } },
        { name: 'preload', label: 'Preload the app', control: { kind: 'select', options: [['', 'default (on, except gevent)'], ['on', 'on (--preload)'], ['off', 'off (--no-preload)']] } },
        { name: 'app', label: 'App', control: text('app:app') },
        { name: 'bind', label: 'Bind', control: text('0.0.0.0:8000') },
        { name: 'gunicorn-version', label: 'gunicorn version', control: text('23.0.0'), help: 'the gunicorn that will run (asgi needs 24 or later); the CLI reads it from the project\'s pins' },
        { name: 'uvicorn-version', label: 'uvicorn version', control: text('0.34'), help: 'the uvicorn that will run (below 0.30: uvicorn.workers.UvicornWorker); the CLI reads it from the project\'s pins' },
        { name: 'legacy-uvicorn-worker', label: 'Legacy UvicornWorker path', control: { kind: 'check' } },
      ],
    },
    {
      legend: 'Memory per worker',
      fields: [
        { name: 'worker-mem', label: 'Measured worker memory', control: text('256Mi (default)') },
        { name: 'profile', label: 'Profile from tune calibrate --save', control: { kind: 'area', placeholder: '{ "version": 1, "masterBytes": …, "workerBytes": … }' }, help: 'paste the JSON; the command line reads it as tune-profile.json' },
      ],
    },
    {
      legend: 'Platform limits',
      fields: [
        { name: 'db-max-connections', label: 'Database connections', control: text('', 'numeric') },
        { name: 'lb-idle-timeout', label: 'Load balancer idle timeout (s)', control: text('60', 'decimal') },
        { name: 'shutdown-grace', label: 'Shutdown grace (s)', control: text('30', 'decimal') },
      ],
    },
  ];
}

/** The form's fieldsets; every control is named by its flag (without the dashes). */
export function buildForm(presetNames: [string, string][]): HTMLElement[] {
  return layout(presetNames).map((group) =>
    h(
      'fieldset',
      {},
      h('legend', {}, group.legend),
      ...group.fields.map((f) => {
        const option = INPUT_OPTIONS.find((o) => o.flag === `--${f.name}`);
        const help = f.help ?? option?.help;
        const id = `f-${f.name}`;
        const describedBy = help ? `${id}-help` : undefined;
        const common = { id, name: f.name, 'aria-describedby': describedBy };
        const c = f.control;
        const control =
          c.kind === 'select'
            ? h('select', common, ...c.options.map(([v, t]) => h('option', { value: v }, t)))
            : c.kind === 'check'
              ? h('input', { ...common, type: 'checkbox', value: 'on' })
              : c.kind === 'area'
                ? h('textarea', { ...common, rows: 3, spellcheck: 'false', wrap: 'off', placeholder: c.placeholder })
                : h('input', { ...common, type: 'text', autocomplete: 'off', spellcheck: 'false', placeholder: c.placeholder, inputmode: c.mode });
        const label = h('label', { for: id }, f.label, ' ', h('code', {}, `--${f.name}`));
        return h('div', { class: `field field-${c.kind}` }, ...(c.kind === 'check' ? [control, label] : [label, control]), help ? h('small', { id: describedBy }, help) : null);
      }),
    ),
  );
}

type Input = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

function controls(root: ParentNode): Input[] {
  return [...root.querySelectorAll<Input>('input[name], select[name], textarea[name]')];
}

export function readForm(root: ParentNode): Values {
  const v: Values = {};
  for (const c of controls(root)) {
    if (c instanceof HTMLInputElement && (c.type === 'checkbox' || c.type === 'radio')) {
      if (c.checked) v[c.name] = c.value;
    } else if (c.value !== '') v[c.name] = c.value;
  }
  return v;
}

export function writeForm(root: ParentNode, v: Values): void {
  for (const c of controls(root)) {
    const x = v[c.name] ?? '';
    if (c instanceof HTMLInputElement && (c.type === 'checkbox' || c.type === 'radio')) c.checked = x === c.value;
    else {
      // A value from a link that is not among a select's options stays, so its error can be shown.
      if (c instanceof HTMLSelectElement && ![...c.options].some((o) => o.value === x)) c.append(h('option', { value: x }, x));
      c.value = x;
    }
  }
}
