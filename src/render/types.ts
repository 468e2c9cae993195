import type { Recommendation } from '../core/types.js';

export const FORMATS = ['table', 'json', 'env', 'gunicorn', 'compose', 'waitress', 'uvicorn', 'k8s'] as const;
export type Format = (typeof FORMATS)[number];

export interface RenderOptions {
  /** ANSI colour (table only). */
  color: boolean;
  /** Add the reason for every value (table). */
  explain: boolean;
  /** worker-tune's version, for headers. */
  version: string;
  /** Terminal columns, when known (table). */
  width?: number;
  /** Leave the notes out (table; -q). Errors and warnings stay: they are the report. */
  quiet?: boolean;
}

/** A renderer turns a recommendation into the whole text of one output; it never prints. */
export type Renderer = (rec: Recommendation, opts: RenderOptions) => string | Promise<string>;

/** A format that does not apply to the recommendation's server: a usage error (exit 2), not a crash. */
export class RenderError extends Error {
  override name = 'RenderError';
}
