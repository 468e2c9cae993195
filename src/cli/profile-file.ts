// Reads a memory profile written by `tune calibrate --save`.
import { readTextFile } from '../io/read-text.js';
import { parseProfile, type Profile } from '../core/profile.js';
import { UsageError } from './errors.js';

export function readProfile(file: string): Profile {
  let json: unknown;
  try {
    json = JSON.parse(readTextFile(file));
  } catch (e) {
    const err = e as Error;
    throw new UsageError(`--profile ${file}: ${err instanceof SyntaxError ? `not valid JSON (${err.message})` : err.message}`);
  }
  const r = parseProfile(json);
  if (!r.ok) throw new UsageError(`--profile ${file}: ${r.error}`);
  return r.profile;
}
