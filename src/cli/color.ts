// Colour only on a TTY, never with NO_COLOR (no-color.org) or --no-color; FORCE_COLOR forces it, since
// chalk's own detection ignores NO_COLOR (chalk/supports-color#74).
export function wantColor(flag: boolean, env: Record<string, string | undefined>, isTTY: boolean): boolean {
  if (!flag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  // A terminal that declares it cannot do escapes (Emacs shell, some CI logs).
  if (env.TERM === 'dumb') return false;
  return isTTY;
}
