// The servers' settings catalogue: facts generated from gunicorn, uvicorn and waitress sources
// (scripts/servers/generate.py; see README.md), lookups over them, and the servers' validators.
export * from './lookups.js';
export type * from './types.js';
