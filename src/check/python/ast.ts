// Syntax tree for the parsed subset. Binary operators of one precedence level are kept as a flat
// chain (`BinChain`) so a long `a + b + c + …` is evaluated in a loop, not by deep recursion.
import type { PyValue } from './values.js';

export type Expr =
  | { type: 'Name'; id: string; line: number }
  | { type: 'Const'; value: PyValue; line: number }
  | { type: 'JoinedStr'; parts: FPart[]; line: number }
  | { type: 'Tuple' | 'List' | 'Set'; elts: Expr[]; line: number }
  | { type: 'Dict'; items: DictItem[]; line: number }
  | { type: 'BinChain'; first: Expr; rest: { op: string; right: Expr }[]; line: number }
  | { type: 'Unary'; op: '-' | '+' | '~' | 'not'; operand: Expr; line: number }
  | { type: 'BoolOp'; op: 'and' | 'or'; values: Expr[]; line: number }
  | { type: 'Compare'; left: Expr; ops: string[]; comparators: Expr[]; line: number }
  | { type: 'IfExp'; test: Expr; body: Expr; orelse: Expr; line: number }
  | { type: 'Lambda'; line: number }
  | { type: 'Call'; func: Expr; args: Expr[]; keywords: Keyword[]; line: number }
  | { type: 'Attribute'; value: Expr; attr: string; line: number }
  | { type: 'Subscript'; value: Expr; index: Expr; line: number }
  | { type: 'Slice'; lower?: Expr; upper?: Expr; step?: Expr; line: number }
  | { type: 'Starred'; value: Expr; line: number }
  | { type: 'NamedExpr'; target: string; value: Expr; line: number }
  /** Comprehensions, await, yield: parsed, never evaluated. */
  | { type: 'Opaque'; what: string; line: number };

/** A piece of an f-string: literal text, or a replacement field. */
export type FPart = string | { expr: Expr; conversion?: 's' | 'r' | 'a'; spec?: FPart[]; selfDoc?: string };

export type DictItem = { key: Expr; value: Expr } | { unpack: Expr };

/** `name` undefined means `**mapping`. */
export interface Keyword {
  name?: string;
  value: Expr;
}

export interface ImportName {
  name: string;
  asname?: string;
}

export type Stmt =
  | { type: 'Assign'; targets: Expr[]; value: Expr; line: number }
  | { type: 'AugAssign'; target: Expr; op: string; value: Expr; line: number }
  | { type: 'AnnAssign'; target: Expr; value?: Expr; line: number }
  | { type: 'Expr'; value: Expr; line: number }
  | { type: 'Import'; names: ImportName[]; line: number }
  | { type: 'ImportFrom'; module: string; level: number; names: ImportName[] | '*'; line: number }
  | { type: 'If'; test: Expr; body: Stmt[]; orelse: Stmt[]; line: number }
  | { type: 'FunctionDef'; name: string; body: Stmt[]; line: number }
  | { type: 'ClassDef'; name: string; body: Stmt[]; line: number }
  /** for/while/with/try/match: never executed; `targets` are names bound by the header itself. */
  | { type: 'Block'; kind: string; targets: Expr[]; body: Stmt[]; line: number }
  | { type: 'Assert'; test: Expr; line: number }
  | { type: 'Raise'; line: number }
  | { type: 'Delete'; targets: Expr[]; line: number }
  | { type: 'Pass'; line: number };
