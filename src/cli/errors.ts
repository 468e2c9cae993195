// The exits the CLI documents: 0 ok, 1 does not fit / check failed, 2 bad usage or input.
export const EXIT = { ok: 0, failed: 1, usage: 2, internal: 3 } as const;

/** Bad usage or input: one line to stderr, exit 2. */
export class UsageError extends Error {}
