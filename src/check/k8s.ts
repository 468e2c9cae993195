// Kubernetes manifests (multi-document YAML, `helm template` output): every container of a Deployment,
// StatefulSet, DaemonSet, ReplicaSet or Pod with its command/args, its environment (value, ConfigMaps
// and Secrets found in the same files, kustomize configMapGenerator literals), its resources.limits
// and the pod's terminationGracePeriodSeconds. `$(VAR)` in command and args expands as the kubelet does.
import { parseAllDocuments, type Document } from 'yaml';
import { parseK8sBytes, parseK8sCpus } from '../core/units.js';
import { lineCounter, readable } from './yaml-util.js';

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Pod']);
const MAX_ALIASES = 100;

interface K8sLimits {
  memBytes?: number;
  cpus?: number;
  line?: number;
}

export interface K8sContainer {
  /** "Deployment polls / container web". */
  name: string;
  file: string;
  line?: number;
  /** container.command (replaces the image's ENTRYPOINT) and container.args (its CMD), after $(VAR) expansion. */
  command?: string[];
  args?: string[];
  commandLine?: number;
  env: Record<string, { value: string; line?: number }>;
  /** $(…) references left as written because the variable may be set where we cannot see (a Secret, an unseen ConfigMap). */
  unresolved: string[];
  limits: K8sLimits;
  /** Pod-level resources.limits, shared by every container of the pod. */
  podLimits?: K8sLimits;
  grace?: { seconds: number; line?: number };
  errors: { line?: number; message: string }[];
}

export interface K8sDocument {
  kind: string;
  name: string;
  file: string;
  doc: Document;
  lineOf: (offset: number) => number;
  value: Record<string, any>;
}

/** Every document of a manifest file; `errors` when it is not YAML. */
export function readManifests(file: string, text: string): { docs: K8sDocument[]; errors: { line?: number; message: string }[] } {
  const lineOf = lineCounter(text);
  const docs: K8sDocument[] = [];
  for (const doc of parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false })) {
    if (doc.errors.length) return { docs: [], errors: doc.errors.map((e) => ({ line: lineOf(e.pos[0]), message: readable(e.message) })) };
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIASES });
    } catch (e) {
      return { docs: [], errors: [{ message: readable((e as Error).message) }] };
    }
    if (!isMap(value)) continue;
    const kind = typeof value.kind === 'string' ? value.kind : '';
    const name = isMap(value.metadata) && typeof value.metadata.name === 'string' ? value.metadata.name : '';
    docs.push({ kind, name, file, doc, lineOf, value });
  }
  return { docs, errors: [] };
}

/** Whether the text is Kubernetes (every document names apiVersion and kind). */
export function looksLikeK8s(value: unknown): boolean {
  return isMap(value) && typeof value.apiVersion === 'string' && typeof value.kind === 'string';
}

/** Key → value of each ConfigMap and Secret (data decoded), and of kustomize configMapGenerator literals. */
export function configSources(docs: K8sDocument[]): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  const put = (name: string, entries: Record<string, string>) => out.set(name, { ...out.get(name), ...entries });
  for (const d of docs) {
    if (d.kind === 'ConfigMap' && isMap(d.value.data)) put(d.name, strings(d.value.data));
    if (d.kind === 'Secret') {
      const decoded = isMap(d.value.data) ? Object.fromEntries(Object.entries(strings(d.value.data)).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')])) : {};
      put(d.name, { ...decoded, ...(isMap(d.value.stringData) ? strings(d.value.stringData) : {}) });
    }
    if (d.kind === 'Kustomization') {
      for (const key of ['configMapGenerator', 'secretGenerator']) {
        for (const g of Array.isArray(d.value[key]) ? d.value[key] : []) {
          if (!isMap(g) || typeof g.name !== 'string') continue;
          const literals = (Array.isArray(g.literals) ? g.literals : []).filter((l: unknown): l is string => typeof l === 'string' && l.includes('='));
          put(g.name, Object.fromEntries(literals.map((l: string) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)])));
        }
      }
    }
  }
  return out;
}

/** The containers of every workload, with what the kubelet gives each. */
export function k8sContainers(docs: K8sDocument[], sources: Map<string, Record<string, string>>): K8sContainer[] {
  const out: K8sContainer[] = [];
  for (const d of docs) {
    if (looksLikeContainer(d.value)) {
      // A container fragment on its own (what `tune --format k8s` writes): no pod around it.
      const at = (...p: (string | number)[]) => lineAt(d, p);
      out.push(readContainer(d.value, `container ${d.value.name}`, d.file, at, sources, {}));
      continue;
    }
    if (!WORKLOADS.has(d.kind)) continue;
    const podPath = d.kind === 'Pod' ? ['spec'] : ['spec', 'template', 'spec'];
    const pod = getIn(d.value, podPath);
    if (!isMap(pod) || !Array.isArray(pod.containers)) continue;
    const at = (...p: (string | number)[]) => lineAt(d, [...podPath, ...p]);
    const grace = typeof pod.terminationGracePeriodSeconds === 'number' ? { seconds: pod.terminationGracePeriodSeconds, line: at('terminationGracePeriodSeconds') } : undefined;
    const podLimits = limitsOf(isMap(pod.resources) ? pod.resources.limits : undefined, () => at('resources', 'limits'));
    const shared = podLimits.errors.length === 0 && (podLimits.limits.memBytes !== undefined || podLimits.limits.cpus !== undefined) ? podLimits.limits : undefined;
    pod.containers.forEach((c: unknown, i: number) => {
      if (!isMap(c)) return;
      const name = `${d.kind} ${d.name || '(unnamed)'} / container ${typeof c.name === 'string' ? c.name : i}`;
      out.push(readContainer(c, name, d.file, (...p) => at('containers', i, ...p), sources, { ...(grace ? { grace } : {}), ...(shared ? { podLimits: shared } : {}) }));
    });
  }
  return out;
}

/** A container's command, args, environment and limits, as the kubelet gives them. */
function readContainer(c: Record<string, any>, name: string, file: string, at: (...p: (string | number)[]) => number | undefined, sources: Map<string, Record<string, string>>, pod: Pick<K8sContainer, 'grace' | 'podLimits'>): K8sContainer {
  const container: K8sContainer = { name, file, line: at(), env: {}, unresolved: [], limits: {}, errors: [], ...pod };
  const lim = limitsOf(isMap(c.resources) ? c.resources.limits : undefined, () => at('resources', 'limits'));
  container.limits = lim.limits;
  container.errors.push(...lim.errors);
  const unknown = new Set<string>();
  const open = readEnv(c, container, sources, unknown, at);
  const expand = (words: unknown) => (Array.isArray(words) ? words.map((w) => expandRefs(String(w), container, unknown, open)) : undefined);
  const command = expand(c.command);
  const args = expand(c.args);
  if (command) container.command = command;
  if (args) container.args = args;
  const line = at(c.command !== undefined ? 'command' : 'args');
  if (line !== undefined) container.commandLine = line;
  return container;
}

function lineAt(d: K8sDocument, path: (string | number)[]): number | undefined {
  const node = d.doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
  return node?.range ? d.lineOf(node.range[0]) : undefined;
}

/** A lone container spec: a name, and an image or a command, without apiVersion/kind. */
export function looksLikeContainer(value: unknown): value is Record<string, any> {
  return isMap(value) && value.apiVersion === undefined && typeof value.name === 'string' && (typeof value.image === 'string' || Array.isArray(value.command) || Array.isArray(value.args));
}

/** env and envFrom; returns whether some variables come from a source we cannot see. */
function readEnv(c: Record<string, any>, out: K8sContainer, sources: Map<string, Record<string, string>>, unknown: Set<string>, at: (...p: (string | number)[]) => number | undefined): boolean {
  let open = false;
  (Array.isArray(c.envFrom) ? c.envFrom : []).forEach((from: unknown, i: number) => {
    if (!isMap(from)) return;
    const ref = isMap(from.configMapRef) ? from.configMapRef : isMap(from.secretRef) ? from.secretRef : undefined;
    const data = typeof ref?.name === 'string' ? sources.get(ref.name) : undefined;
    const line = at('envFrom', i);
    if (!data) open = true;
    else for (const [k, v] of Object.entries(data)) out.env[`${typeof from.prefix === 'string' ? from.prefix : ''}${k}`] = { value: v, ...(line ? { line } : {}) };
  });
  (Array.isArray(c.env) ? c.env : []).forEach((e: unknown, j: number) => {
    if (!isMap(e) || typeof e.name !== 'string') return;
    const line = at('env', j);
    if (e.value !== undefined && e.value !== null) {
      // An env value may refer to the variables defined before it.
      out.env[e.name] = { value: expandRefs(String(e.value), out, unknown, open), ...(line ? { line } : {}) };
      return;
    }
    const value = fromRef(e.valueFrom, sources, out.limits);
    if (value === undefined) {
      unknown.add(e.name);
      delete out.env[e.name];
    } else out.env[e.name] = { value, ...(line ? { line } : {}) };
  });
  return open;
}

function fromRef(ref: unknown, sources: Map<string, Record<string, string>>, limits: K8sLimits): string | undefined {
  if (!isMap(ref)) return undefined;
  const key = isMap(ref.configMapKeyRef) ? ref.configMapKeyRef : isMap(ref.secretKeyRef) ? ref.secretKeyRef : undefined;
  if (key && typeof key.name === 'string' && typeof key.key === 'string') return sources.get(key.name)?.[key.key];
  // resourceFieldRef limits.cpu: the limit in whole cores, rounded up (the divisor's default is 1).
  if (isMap(ref.resourceFieldRef) && ref.resourceFieldRef.resource === 'limits.cpu' && limits.cpus !== undefined && ref.resourceFieldRef.divisor === undefined)
    return String(Math.ceil(limits.cpus));
  return undefined;
}

/** `$(VAR)` → its value; `$$(VAR)` → `$(VAR)`; an undefined variable stays as written (the kubelet's rule). */
function expandRefs(text: string, c: K8sContainer, unknown: Set<string>, open: boolean): string {
  return text.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (m, name: string | undefined) => {
    if (m === '$$') return '$';
    const v = c.env[name!];
    if (v !== undefined) return v.value;
    if ((unknown.has(name!) || open) && !c.unresolved.includes(m)) c.unresolved.push(m);
    return m;
  });
}

function limitsOf(raw: unknown, line: () => number | undefined): { limits: K8sLimits; errors: { line?: number; message: string }[] } {
  const limits: K8sLimits = {};
  const errors: { line?: number; message: string }[] = [];
  if (!isMap(raw)) return { limits, errors };
  if (raw.memory !== undefined && raw.memory !== null) {
    const r = parseK8sBytes(raw.memory as string | number);
    if ('error' in r) errors.push({ line: line(), message: `memory limit ${r.error}` });
    else if (r.bytes > 0) limits.memBytes = r.bytes;
  }
  if (raw.cpu !== undefined && raw.cpu !== null) {
    const r = parseK8sCpus(raw.cpu as string | number);
    if ('error' in r) errors.push({ line: line(), message: `cpu limit ${r.error}` });
    else if (r.cpus > 0) limits.cpus = r.cpus;
  }
  const l = line();
  if (l !== undefined && (limits.memBytes !== undefined || limits.cpus !== undefined)) limits.line = l;
  return { limits, errors };
}

function strings(m: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(m).filter(([, v]) => v !== null && typeof v !== 'object').map(([k, v]) => [k, String(v)]));
}

function getIn(v: unknown, path: string[]): unknown {
  return path.reduce<unknown>((cur, k) => (isMap(cur) ? cur[k] : undefined), v);
}

function isMap(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
