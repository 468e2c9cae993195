// Small helpers for the words the renderers write: plurals, articles, units.
import { formatBytes } from '../core/units.js';

export const mib = (v: number) => formatBytes(v);
export const ms = (v: number) => `${v} ms`;
export const pct = (f: number) => `${Math.round(f * 100)} %`;
/** `1 worker`, `3 workers`. */
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
/** `a gunicorn file`, `an env file`. */
export const article = (word: string) => `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;
/** `gunicorn · gthread`, `uvicorn`, `waitress`: the server, and the worker class where it has several. */
export const serverLabel = (server: string, workerClass: string | undefined, sep = ' · ') => (server === 'gunicorn' ? `gunicorn${sep}${workerClass ?? '?'}` : server);

/** `40–120 if the CPU time is twice or half that; `: the range an assumed CPU share implies. */
export const rangeWords = (c: { sustainableRangeRps?: [number, number] }) =>
  c.sustainableRangeRps ? `${c.sustainableRangeRps[0]}–${c.sustainableRangeRps[1]} if the CPU time is twice or half the assumed; ` : '';

/** `12 connections (6 per worker), assumed: what keeps the cores busy`: the connections memory counts. */
export const connectionsWords = (k: { total: number; perWorker: number; source: 'users' | 'rps' | 'assumed' }) =>
  `${plural(k.total, 'connection')} (${k.perWorker} per worker) ` +
  (k.source === 'users' ? 'from --users' : k.source === 'rps' ? 'from --rps × latency' : 'assumed: enough to keep the cores busy; pass --users to count yours');
