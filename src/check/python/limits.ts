// Bounds that keep the evaluator fast and finite on hostile or broken input. Hitting one yields an
// unknown value (or a syntax error, where CPython would refuse the file too), never a hang or throw.

/** CPython refuses more than 200 nested brackets ("too many nested parentheses"; tokenizer MAXLEVEL). */
export const MAX_PAREN_DEPTH = 200;
/** CPython's tokenizer allows 99 indentation levels (MAXINDENT 100). */
export const MAX_INDENT_LEVELS = 100;
/**
 * Nested expressions CPython 3.11 compiles: 2990 (bench/python-fidelity.mjs probes it; beyond, its
 * compiler raises RecursionError and gunicorn cannot load the file).
 */
export const MAX_AST_DEPTH = 2990;
/** Largest int we compute, in bits; Python would, but no config needs more. */
export const MAX_INT_BITS = 10_000;
/** CPython 3.11+ refuses int<->str conversion beyond 4300 digits (sys.int_info.str_digits_check_threshold). */
export const MAX_INT_DIGITS = 4300;
/** Largest string or container we build. */
export const MAX_SEQUENCE = 1_000_000;
/** Nesting depth when printing or comparing values (self-containing lists stay finite). */
export const MAX_VALUE_DEPTH = 100;
/** Total work units (elements copied/compared, characters produced, statements run) for one file. */
const WORK_BUDGET = 10_000_000;
/** Nested calls of the file's own functions; recursion deeper than this is not evaluated. */
export const MAX_CALL_DEPTH = 50;
/** Iterations of one loop before it is given up as not evaluable. */
export const MAX_LOOP_ITERATIONS = 100_000;

export class Budget {
  private used = 0;
  /** Charges `units`; false once the file has used up its budget. */
  spend(units: number): boolean {
    this.used += units;
    return this.used <= WORK_BUDGET;
  }
  get exhausted(): boolean {
    return this.used > WORK_BUDGET;
  }
}
