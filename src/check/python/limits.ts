// Bounds that keep the evaluator fast and finite on hostile or broken input. Hitting one yields an
// unknown value (or a syntax error, where CPython would refuse the file too), never a hang or throw.

/** CPython refuses more than 200 nested brackets ("too many nested parentheses"). */
export const MAX_PAREN_DEPTH = 200;
/** CPython's tokenizer allows 100 indentation levels. */
export const MAX_INDENT_LEVELS = 100;
/** Parser recursion (unary chains, nested conditionals, trailers) before "too deeply nested"; each bracket level uses 2. */
export const MAX_EXPR_DEPTH = 500;
/** Largest int we compute, in bits; Python would, but no config needs more. */
export const MAX_INT_BITS = 10_000;
/** CPython 3.11+ refuses int<->str conversion beyond 4300 digits (sys.int_info.str_digits_check_threshold). */
export const MAX_INT_DIGITS = 4300;
/** Largest string or container we build. */
export const MAX_SEQUENCE = 1_000_000;
/** Nesting depth when printing or comparing values (self-containing lists stay finite). */
export const MAX_VALUE_DEPTH = 100;
/** Total work units (elements copied/compared, characters produced) for one file. */
export const WORK_BUDGET = 10_000_000;

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
