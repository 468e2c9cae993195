// Shared by the YAML readers (compose, Kubernetes, Render): offsets to lines, and the parser's messages.

/** Offset in the text → 1-based line. */
export function lineCounter(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/** The parser's message, one line; its stack overflow on absurd nesting said in words. */
export function readable(message: string): string {
  if (/call stack/i.test(message)) return 'nested too deeply to be a configuration file';
  return message.split('\n')[0]!;
}
