// What a validator implementation is, and how it reports: the converted value, the exception the
// server raises (type and message as Python prints them), or that the value cannot be judged
// without running the server (a file on disk, an importable callable, a user of the machine).
import { PyError, type Py } from './py.js';

export type Checked =
  | { ok: true; value: Py; warning?: string }
  | { ok: false; type: string; message: string }
  | { ok: 'unchecked'; reason: string };

/** Thrown by an implementation for a value only the running server can judge. */
class Unchecked extends Error {}

/** A warning the server prints while accepting the value (gunicorn's ssl_version since 21.0). */
export class Warned {
  constructor(
    readonly value: Py,
    readonly warning: string,
  ) {}
}

export type Impl = (value: Py, args: readonly unknown[]) => Py | Warned;

/** An implementation of every code version (fingerprint) of one validator. */
export interface ValidatorImpl {
  fingerprints: readonly string[];
  run: Impl;
}

export function run(impl: Impl, value: Py, args: readonly unknown[] = []): Checked {
  try {
    const r = impl(value, args);
    return r instanceof Warned ? { ok: true, value: r.value, warning: r.warning } : { ok: true, value: r };
  } catch (e) {
    if (e instanceof PyError) return { ok: false, type: e.type, message: e.message };
    if (e instanceof Unchecked) return { ok: 'unchecked', reason: `cannot be checked statically: ${e.message}` };
    throw e;
  }
}

export const unchecked = (why: string): never => {
  throw new Unchecked(why);
};
