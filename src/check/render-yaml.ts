// Render blueprints (render.yaml): each web/worker service's startCommand and envVars (literal values
// and envVarGroups defined in the same file). Render runs startCommand with a shell.
import { parseDocument } from 'yaml';
import { lineCounter, readable } from './yaml-util.js';

export interface RenderService {
  name: string;
  command?: string;
  line?: number;
  env: Record<string, { value: string; line?: number }>;
}

/** Whether parsed YAML is a Render blueprint: `services` as a list of entries with a type. */
export function looksLikeRender(value: unknown): boolean {
  return isMap(value) && Array.isArray(value.services) && value.services.some((s: unknown) => isMap(s) && typeof s.type === 'string');
}

export function parseRenderYaml(text: string): { services: RenderService[]; errors: { line?: number; message: string }[] } {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  const lineOf = lineCounter(text);
  if (doc.errors.length) return { services: [], errors: doc.errors.map((e) => ({ line: lineOf(e.pos[0]), message: readable(e.message) })) };
  const root: unknown = doc.toJS({ maxAliasCount: 100 });
  if (!looksLikeRender(root) || !isMap(root)) return { services: [], errors: [{ message: 'no services: list' }] };
  const at = (path: (string | number)[]) => {
    const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    return node?.range ? lineOf(node.range[0]) : undefined;
  };
  const groups = new Map<string, RenderService['env']>();
  (Array.isArray(root.envVarGroups) ? root.envVarGroups : []).forEach((g: unknown, i: number) => {
    if (isMap(g) && typeof g.name === 'string') groups.set(g.name, envVars(g.envVars, (j) => at(['envVarGroups', i, 'envVars', j])));
  });
  const services: RenderService[] = [];
  (root.services as unknown[]).forEach((s, i) => {
    if (!isMap(s)) return;
    const env: RenderService['env'] = {};
    for (const e of Array.isArray(s.envVars) ? s.envVars : []) if (isMap(e) && typeof e.fromGroup === 'string') Object.assign(env, groups.get(e.fromGroup));
    Object.assign(env, envVars(s.envVars, (j) => at(['services', i, 'envVars', j])));
    const svc: RenderService = { name: typeof s.name === 'string' ? s.name : String(i), env };
    if (typeof s.startCommand === 'string') {
      svc.command = s.startCommand;
      const line = at(['services', i, 'startCommand']);
      if (line !== undefined) svc.line = line;
    }
    services.push(svc);
  });
  return { services, errors: [] };
}

function envVars(list: unknown, lineOf: (j: number) => number | undefined): RenderService['env'] {
  const out: RenderService['env'] = {};
  (Array.isArray(list) ? list : []).forEach((e: unknown, j: number) => {
    if (!isMap(e) || typeof e.key !== 'string' || e.value === undefined || e.value === null || typeof e.value === 'object') return;
    const line = lineOf(j);
    out[e.key] = { value: String(e.value), ...(line !== undefined ? { line } : {}) };
  });
  return out;
}

function isMap(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
