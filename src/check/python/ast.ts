// The syntax tree the evaluator walks, lowered from @lezer/python's concrete tree (lower-*.ts).
// Only what a configuration file needs is kept; comprehensions, await, yield and the like
// become `Opaque` and evaluate to an unknown value.
import type { Source } from './source.js';
import type { PyValue } from './values.js';

export type Expr =
  | { type: 'Name'; id: string; line: number }
  | { type: 'Const'; value: PyValue; line: number }
  | { type: 'JoinedStr'; parts: FPart[]; line: number }
  | { type: 'Tuple' | 'List' | 'Set'; elts: Expr[]; line: number }
  | { type: 'Dict'; items: DictItem[]; line: number }
  | { type: 'BinOp'; op: string; left: Expr; right: Expr; line: number }
  | { type: 'Unary'; op: '-' | '+' | '~' | 'not'; operand: Expr; line: number }
  | { type: 'BoolOp'; op: 'and' | 'or'; values: Expr[]; line: number }
  | { type: 'Compare'; left: Expr; ops: string[]; comparators: Expr[]; line: number }
  | { type: 'IfExp'; test: Expr; body: Expr; orelse: Expr; line: number }
  | { type: 'Lambda'; params: Param[]; body: Expr; line: number }
  | { type: 'Call'; func: Expr; args: Expr[]; keywords: Keyword[]; line: number }
  | { type: 'Attribute'; value: Expr; attr: string; line: number }
  | { type: 'Subscript'; value: Expr; index: Expr; line: number }
  | { type: 'Slice'; lower?: Expr; upper?: Expr; step?: Expr; line: number }
  | { type: 'Starred'; value: Expr; line: number }
  | { type: 'NamedExpr'; target: string; value: Expr; line: number }
  | { type: 'Opaque'; what: string; line: number };

/** A piece of an f-string: literal text, or a replacement field. */
export type FPart = string | { expr: Expr; conversion?: 's' | 'r' | 'a'; spec?: FPart[]; selfDoc?: string };

export type DictItem = { key: Expr; value: Expr } | { unpack: Expr };

/** `name` undefined means `**mapping`. */
export interface Keyword {
  name?: string;
  value: Expr;
}

export interface Param {
  name: string;
  kind: 'normal' | 'varargs' | 'kwonly' | 'kwargs';
  default?: Expr;
}

export interface ImportName {
  name: string;
  asname?: string;
}

export interface Handler {
  /** The exception class(es); undefined for a bare `except:`. */
  type?: Expr;
  name?: string;
  body: Stmt[];
  line: number;
}

interface FunctionDef {
  type: 'FunctionDef';
  name: string;
  params: Param[];
  body: Stmt[];
  /** Decorated or async: calling it is not evaluated. */
  opaque: boolean;
  line: number;
}

export type Stmt =
  | { type: 'Assign'; targets: Expr[]; value: Expr; line: number }
  | { type: 'AugAssign'; target: Expr; op: string; value: Expr; line: number }
  | { type: 'AnnAssign'; target: Expr; value?: Expr; annotation: Expr; annotationText: string; line: number }
  | { type: 'Expr'; value: Expr; line: number }
  | { type: 'Import'; names: ImportName[]; line: number }
  | { type: 'ImportFrom'; module: string; level: number; names: ImportName[] | '*'; line: number }
  | { type: 'If'; test: Expr; body: Stmt[]; orelse: Stmt[]; line: number }
  | { type: 'For'; target: Expr; iter: Expr; body: Stmt[]; orelse: Stmt[]; line: number }
  | { type: 'While'; test: Expr; body: Stmt[]; orelse: Stmt[]; line: number }
  | { type: 'Try'; body: Stmt[]; handlers: Handler[]; orelse: Stmt[]; finalbody: Stmt[]; line: number }
  | FunctionDef
  | { type: 'ClassDef'; name: string; body: Stmt[]; line: number }
  /** with/match: never executed; `targets` are names bound by the header itself. */
  | { type: 'Block'; kind: string; targets: Expr[]; body: Stmt[]; line: number }
  | { type: 'Return'; value?: Expr; line: number }
  | { type: 'Break' | 'Continue' | 'Pass'; line: number }
  | { type: 'Global'; names: string[]; line: number }
  | { type: 'Assert'; test: Expr; line: number }
  | { type: 'Raise'; exc?: Expr; line: number }
  | { type: 'Delete'; targets: Expr[]; line: number };

/** Where an expression is being lowered from the grammar's tree. */
export interface ExprCtx {
  src: Source;
  /** Inside a def (yield, await and return are allowed). */
  inFunction: boolean;
  inAsync: boolean;
  depth: number;
}
