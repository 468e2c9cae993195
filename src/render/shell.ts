/** Quotes a word for POSIX sh only when it needs it. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_.:\/=@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
