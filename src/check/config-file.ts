// A gunicorn.conf.py, evaluated statically (never run): its settings with their lines, converted and
// validated by gunicorn's own validators (src/servers), and what gunicorn would silently ignore
// (typos), refuse (a value its validator rejects, bad syntax) or what could not be known.
import type { SettingValue } from '../core/types.js';
import type { Py } from '../servers/py.js';
import { resolveVersion, setting as settingIn, versionsOf } from '../servers/index.js';
import { validateSetting } from '../servers/validators.js';
import { didYouMean, knownSetting, settingNames } from './known-settings.js';
import { evaluatePythonConfig } from './python/index.js';
import { toJs, type PyValue } from './python/values.js';
import { classifyWorkerClass } from './worker-classes.js';
import type { CheckFinding } from './types.js';

// Settings the model judges: an unknown value here changes the verdict, elsewhere (worker_tmp_dir,
// accesslog …) it does not, so it is only noted.
const JUDGED = new Set(['workers', 'worker_class', 'threads', 'worker_connections', 'preload_app', 'timeout', 'graceful_timeout', 'keepalive', 'max_requests', 'max_requests_jitter', 'backlog', 'bind']);
const unevaluated = (name: string): 'warning' | 'info' => (JUDGED.has(name) ? 'warning' : 'info');

export interface ConfigFileResult {
  settings: Record<string, { value: SettingValue; line: number }>;
  findings: CheckFinding[];
}

/**
 * `memBytes`: the machine memory psutil.virtual_memory().total reports; without it that value is unknown.
 * `version`: the gunicorn version whose settings and validators apply (default: the newest known).
 */
export function evaluateConfigFile(source: string, ctx: { cpus: number; env: Record<string, string | undefined>; memBytes?: number; version?: string }): ConfigFileResult {
  const r = evaluatePythonConfig(source, ctx);
  const findings: CheckFinding[] = [];
  for (const e of r.syntaxErrors) findings.push({ code: 'PYTHON_SYNTAX', severity: 'error', args: { message: e.message }, line: e.line });
  if (r.fails) findings.push({ code: 'CONFIG_FAILS', severity: 'error', args: { message: r.fails.message }, line: r.fails.line });
  for (const a of r.annotations) if (knownSetting('gunicorn', a.name)) findings.push({ code: 'ANNOTATION_NOT_SETTING', severity: 'warning', setting: a.name, args: { name: a.name, value: a.text }, line: a.line });
  for (const text of r.assumptions) findings.push({ code: 'ASSUMED', severity: 'info', args: { text } });
  const v = ctx.version;

  const settings: ConfigFileResult['settings'] = {};
  const names = settingNames('gunicorn');
  for (const [name, { value, line }] of r.values) {
    const known = knownSetting('gunicorn', name);
    if (known && v !== undefined && !settingIn('gunicorn', name, v)) {
      // A setting of other versions: this one's Config has no such name, and gunicorn ignores it.
      if (known.type === 'callable' || value.kind === 'function') continue;
      const at = (label: string) => versionsOf('gunicorn').findIndex((x) => x.version === label);
      const later = at(known.firstSeen) > at(resolveVersion('gunicorn', v)) ? { since: known.firstSeen } : { removedIn: known.removedIn ?? known.firstSeen };
      findings.push({ code: 'SETTING_NOT_IN_VERSION', severity: 'warning', setting: name, args: { name, server: 'gunicorn', version: v, ...later }, line });
      continue;
    }
    if (known) {
      // Hooks (when_ready, post_fork …) are settings too; their values are functions, nothing to judge.
      if (known.type === 'callable' || value.kind === 'function') continue;
      if (value.kind === 'unknown') {
        const settled = settle(name, value);
        if (settled !== undefined) {
          settings[name] = { value: settled, line };
          findings.push({ code: 'DEPENDS_ON_MACHINE', severity: 'info', setting: name, args: { name, reason: value.reason, values: (value.candidates ?? []).map(shown).join(' or ') }, line });
          continue;
        }
        const either = value.candidates ? `: either ${value.candidates.map(shown).join(' or ')}` : '';
        findings.push({ code: 'UNEVALUATED', severity: unevaluated(name), setting: name, args: { name, reason: value.reason + either, judged: JUDGED.has(name) }, line });
        continue;
      }
      // gunicorn runs the setting's validator on the value (Config.set): judged the same way.
      const checked = validateSetting('gunicorn', name, value, v !== undefined ? { version: v } : {});
      if (checked?.ok === false) {
        findings.push({ code: 'INVALID_VALUE', severity: 'error', setting: name, args: { setting: name, value: shown(value), reason: `${checked.type}: ${checked.message}` }, line });
        continue;
      }
      const js = settingValue(checked?.ok === true ? checked.value : value);
      if (js !== undefined) settings[name] = { value: js, line };
      continue;
    }
    if (name.startsWith('_') || ['module', 'function', 'class'].includes(value.kind)) continue;
    // gunicorn ignores any other top-level name. Helper variables are normal (tiangolo's file is full of
    // them); a name one edit away from a setting and used nowhere else is a typo that silently loses
    // the setting (`worker = 3` runs 1 worker).
    const suggestion = didYouMean(name, names);
    if (suggestion && !usedElsewhere(source, name))
      findings.push({ code: 'UNKNOWN_SETTING', severity: 'error', setting: name, args: { name, server: 'gunicorn', suggestion }, line });
  }
  for (const u of r.unevaluated) {
    if (u.name && knownSetting('gunicorn', u.name) && !findings.some((f) => (f.code === 'UNEVALUATED' || f.code === 'DEPENDS_ON_MACHINE') && f.setting === u.name))
      findings.push({ code: 'UNEVALUATED', severity: unevaluated(u.name), setting: u.name, args: { name: u.name, reason: u.reason, judged: JUDGED.has(u.name) }, line: u.line });
  }
  return { settings, findings };
}

/**
 * A setting that takes one of several values depending on the machine it runs on (an import that may
 * fail), when every one means the same to the model: the worker classes of one kind (the UvicornWorker
 * of uvicorn-worker or of uvicorn.workers), or values that validate to the same thing.
 */
function settle(name: string, u: Extract<PyValue, { kind: 'unknown' }>): SettingValue | undefined {
  const values = (u.candidates ?? []).map((c) => {
    const checked = validateSetting('gunicorn', name, c);
    return checked?.ok === false ? undefined : settingValue(checked?.ok === true ? checked.value : c);
  });
  if (values.length < 2 || values.some((x) => x === undefined)) return undefined;
  if (values.every((x) => x === values[0])) return values[0];
  if (name === 'worker_class') {
    const kinds = new Set(values.map((x) => modelClass(x!)));
    if (kinds.size === 1 && !kinds.has(undefined)) return values[0];
  }
  return undefined;
}

/** The model class a worker_class value is, when it is one the model knows. */
function modelClass(value: SettingValue): string | undefined {
  if (typeof value !== 'string') return undefined;
  const info = classifyWorkerClass(value, undefined);
  return info.status === 'model' ? info.workerClass : undefined;
}

/** A setting's value as the model holds it: lists (bind) joined, ints as numbers. */
function settingValue(v: PyValue | Py): SettingValue | undefined {
  const js = toJs(v as PyValue);
  if (js === undefined) return undefined;
  if (Array.isArray(js)) return js.map(String).join(',');
  if (typeof js === 'object' && js !== null) return JSON.stringify(js);
  return js;
}

/** The value as the file wrote it, for messages ("abc", 3, [1, 2]). */
function shown(v: PyValue): string {
  const js = toJs(v);
  return js === undefined ? v.kind : typeof js === 'string' ? js : JSON.stringify(js);
}

function usedElsewhere(source: string, name: string): boolean {
  const re = new RegExp(`(^|[^A-Za-z0-9_.])${name}(?![A-Za-z0-9_])`, 'gm');
  let uses = 0;
  for (const m of source.matchAll(re)) {
    const rest = source.slice((m.index ?? 0) + m[0].length);
    // Count reads, not the assignment itself.
    if (!/^\s*(=(?!=)|[-+*/%]?=)/.test(rest)) uses++;
  }
  return uses > 0;
}
