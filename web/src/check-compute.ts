// `tune check` on pasted files: the library's check() (pure: files arrive read) with the machine and load
// from the page's values, as src/cli/check-command.ts does with the disk and the host. --cpus is needed:
// the CLI falls back to this machine's CPUs for cpu_count(), which a page cannot see.
import { noMemoryBudget, targetMachine, uncheckable } from '../../src/cli/check-situation.js';
import { isUsageError, UsageError } from '../../src/cli/errors.js';
import { check, CheckInputError, type CheckResult } from '../../src/check/run.js';
import type { ProjectFile } from '../../src/check/types.js';
import { CHOICE_FIELDS, parseSituation } from '../../src/core/input.js';
import { parseCpus } from '../../src/core/units.js';
import { renderCheckGithub } from '../../src/render/check/github.js';
import { renderCheckJson } from '../../src/render/check/json.js';
import type { CheckFormat } from '../../src/render/check/report.js';
import { renderCheckTable } from '../../src/render/check/table.js';
import { cannotDetect, resolvePage } from './compute.js';
import { CHECK_FILES, CHECK_INPUTS, given, type Values } from './values.js';

export type CheckOutcome = { ok: true; result: CheckResult; outputs: Record<CheckFormat, string>; exitCode: 0 | 1 } | { ok: false; error: string };

export function runCheckPage(values: Values, presets: Record<string, string>): CheckOutcome {
  try {
    const result = checkValues(values, presets);
    const outputs: Record<CheckFormat, string> = { table: renderCheckTable(result, { color: false }), json: renderCheckJson(result), github: renderCheckGithub(result) };
    return { ok: true, result, outputs, exitCode: result.summary.errors > 0 ? 1 : 0 };
  } catch (e) {
    if (!isUsageError(e)) throw e;
    return { ok: false, error: `tune: ${e.message.replace(/[\r\n]+/g, ' ')}` };
  }
}

function checkValues(values: Values, presets: Record<string, string>): CheckResult {
  const files: ProjectFile[] = CHECK_FILES.filter((f) => given(values[f.key])).map((f) => ({ path: f.path, kind: f.kind, text: values[f.key]!.replace(/^\uFEFF/, '') }));
  if (!given(values.cpus) || values.cpus.trim() === 'auto') throw cannotDetect('--cpus');
  const c = parseCpus(values.cpus);
  if ('error' in c) throw new UsageError(`--cpus: ${c.error}`);
  const cpus = { value: c.cpus, source: 'given' };
  // What check's command line takes: the machine and the load (and a preset and profile).
  const machineValues: Values = {};
  for (const [k, v] of Object.entries(values)) if (CHECK_INPUTS.has(k) || k === 'preset' || k === 'profile') machineValues[k] = v;
  const dotenv = files.find((f) => f.kind === 'dotenv');
  try {
    return check(files, {
      cpus: cpus.value,
      ...(given(values.cmd) ? { cmd: values.cmd } : {}),
      // A compose env_file is read beside the compose file: the pasted .env is the only file there.
      read: (p) => (dotenv && p.replace(/^(\.\/)+/, '') === dotenv.path ? dotenv.text : undefined),
      situation: (target) => {
        const machine = targetMachine(target, cpus);
        return resolvePage(
          machineValues,
          presets,
          (raw) => {
            for (const f of CHOICE_FIELDS) delete raw[f];
            return parseSituation(raw);
          },
          (raw) => {
            if (raw.cpus === undefined && machine.cpus) Object.assign(raw, { cpus: machine.cpus.value, cpusSource: machine.cpus.source });
            if (raw.mem !== undefined) return;
            if (!machine.mem) throw noMemoryBudget(target);
            Object.assign(raw, { mem: machine.mem.value, memSource: machine.mem.source });
          },
        ).input;
      },
      strict: values.strict === 'on',
      suggest: values.suggest === 'on',
    });
  } catch (e) {
    if (e instanceof CheckInputError) throw uncheckable(e);
    throw e;
  }
}

