// Static evaluation of a gunicorn.conf.py: parsed with @lezer/python (parse.ts) and evaluated
// in TypeScript — the file is never executed. See README.md for what is and is not evaluated.
import { Evaluator, type Unevaluated } from './evaluator.js';
import { parseModule } from './parse.js';
import type { SyntaxErrorInfo } from './source.js';
import type { PyValue } from './values.js';

export type { PyValue } from './values.js';
export { toJs } from './values.js';
export { pyRepr } from './repr.js';

export interface PyConfigContext {
  /** What os.cpu_count() / multiprocessing.cpu_count() / psutil.cpu_count() return. */
  cpus: number;
  /** What psutil.virtual_memory().total returns, in bytes; absent → not evaluable. */
  memBytes?: number;
  /** The environment the config reads (os.environ / os.getenv); undefined entries are unset. */
  env: Record<string, string | undefined>;
}

export interface PyConfigResult {
  /** Top-level names after the whole file, last binding winning; imported modules are left out. */
  values: Map<string, { value: PyValue; line: number }>;
  /** Names (or statements) whose value could not be computed, and why. */
  unevaluated: Unevaluated[];
  imports: { module: string; line: number }[];
  /** Top-level def statements (hooks such as post_fork); a body runs only when a setting calls it. */
  functions: { name: string; line: number }[];
  /** CPython would refuse the file; statements with errors are skipped. */
  syntaxErrors: SyntaxErrorInfo[];
  /** A module-level statement that raises whatever the machine (a NameError): loading the file fails there. */
  fails?: { line: number; message: string };
  /** Module-level `name: annotation` lines without a value. */
  annotations: { name: string; text: string; line: number }[];
  /** What the evaluation took for granted (the interpreter is CPython). */
  assumptions: string[];
}

// Ways a file can bind a name without an assignment we can see.
const DYNAMIC_NAMES = /\b(?:globals|locals|vars|exec|eval|__import__|setattr)\s*\(|\bimport\s+\*|__dict__|__builtins__/;

export function evaluatePythonConfig(source: string, ctx: PyConfigContext): PyConfigResult {
  const mod = parseModule(source);
  const ev = new Evaluator(ctx);
  ev.dynamicNames = DYNAMIC_NAMES.test(source);
  for (const s of mod.skipped) ev.unevaluated.push(s);
  ev.run(mod.body);
  const values = new Map<string, { value: PyValue; line: number }>();
  // Modules are left out; other imported names stay (`from settings import workers` sets a setting).
  for (const [name, b] of ev.scope) if (b.value.kind !== 'module') values.set(name, { value: b.value, line: b.line });
  // Blocks record their header's names before the body: restore line order.
  const unevaluated = ev.unevaluated.map((u, i) => [u, i] as const).sort((a, b) => a[0].line - b[0].line || a[1] - b[1]).map(([u]) => u);
  return { values, unevaluated, imports: ev.imports, functions: ev.functions, syntaxErrors: mod.errors, annotations: ev.annotations, assumptions: [...ev.assumptions()], ...(ev.fails ? { fails: ev.fails } : {}) };
}
