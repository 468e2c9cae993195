// Reads a memory profile written by `tune calibrate --save`.
import { readTextFile } from '../io/read-text.js';
import type { Profile } from '../core/profile.js';
import { UsageError } from './errors.js';
import { profileFromText } from './layers.js';

export function readProfile(file: string): Profile {
  let text: string;
  try {
    text = readTextFile(file);
  } catch (e) {
    throw new UsageError(`--profile ${file}: ${(e as Error).message}`);
  }
  return profileFromText(file, text);
}
