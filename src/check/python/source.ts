// Source text with line lookup, and the syntax error the lowering passes throw.
import type { SyntaxNode } from '@lezer/common';

export interface SyntaxErrorInfo {
  line: number;
  message: string;
}

/** CPython would refuse the file here; thrown while lowering, caught per statement. */
export class SyntaxIssue extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

export class Source {
  private readonly starts: number[] = [0];

  /** `firstLine`: the line `text` starts on (f-string fields are parsed as their own sources). */
  constructor(
    readonly text: string,
    readonly firstLine = 1,
  ) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  line(pos: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo + this.firstLine;
  }

  lineStart(pos: number): number {
    return this.starts[this.line(pos) - this.firstLine]!;
  }

  of(node: SyntaxNode): string {
    return this.text.slice(node.from, node.to);
  }

  issue(message: string, node: SyntaxNode | number): SyntaxIssue {
    return new SyntaxIssue(message, this.line(typeof node === 'number' ? node : node.from));
  }
}

/** The children of a node, in order, without comments (the grammar keeps them in the tree). */
export function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) if (c.name !== 'Comment') out.push(c);
  return out;
}

/** Splits children at `,` tokens (lezer keeps comma-separated lists flat). */
export function commaGroups(nodes: SyntaxNode[]): SyntaxNode[][] {
  const groups: SyntaxNode[][] = [[]];
  for (const n of nodes) {
    if (n.name === ',') groups.push([]);
    else groups[groups.length - 1]!.push(n);
  }
  if (groups[groups.length - 1]!.length === 0) groups.pop();
  return groups;
}
