// The exits the CLI documents: 0 ok, 1 does not fit / check failed, 2 bad usage or input.
export const EXIT = { ok: 0, failed: 1, usage: 2, internal: 3 } as const;

/** Bad usage or input: one line to stderr, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

// Errors that mean "bad usage or input" (exit 2), recognised by name: the lazily loaded bundles
// (check, calibrate) carry their own copies of these classes, so instanceof cannot see across them.
const USAGE_ERRORS = new Set(['UsageError', 'RenderError', 'WriteError', 'ReadError', 'SetupError']);

export function isUsageError(e: unknown): e is Error {
  return e instanceof Error && USAGE_ERRORS.has(e.name);
}
