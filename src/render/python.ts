// Python literals for the emitted .py files.
import type { SettingValue } from '../core/types.js';

export function pyLiteral(v: SettingValue): string {
  if (v === null) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'number') return String(v);
  // A JSON string of printable text is a valid Python string literal with the same meaning.
  return JSON.stringify(v);
}
