// Dockerfiles: per build stage, the command the image runs (ENTRYPOINT and CMD, exec or shell form,
// combined as Docker combines them) and the environment it runs with (ENV, with ARG defaults
// substituted as the builder does). Stages built FROM another stage inherit its ENV, ENTRYPOINT and CMD.

export interface DockerCommand {
  /** An argv (exec form) or a shell string (shell form: Docker runs it with `/bin/sh -c`). */
  value: string | string[];
  line: number;
}

export interface DockerStage {
  name?: string;
  /** FROM line. */
  line: number;
  from: string;
  env: Record<string, { value: string; line: number }>;
  entrypoint?: DockerCommand;
  cmd?: DockerCommand;
}

export interface Dockerfile {
  stages: DockerStage[];
  errors: { line: number; message: string }[];
}

interface Instruction {
  keyword: string;
  rest: string;
  line: number;
}

export function parseDockerfile(text: string): Dockerfile {
  const stages: DockerStage[] = [];
  const errors: Dockerfile['errors'] = [];
  const globalArgs: Record<string, string> = {};
  let stage: DockerStage | undefined;
  let args: Record<string, string> = {};
  for (const ins of instructions(text)) {
    if (ins.keyword === 'FROM') {
      const words = ins.rest.split(/\s+/).filter((w) => !w.startsWith('--'));
      const from = dockerWord(words[0] ?? '', globalArgs);
      const name = /^as$/i.test(words[1] ?? '') ? words[2] : undefined;
      const parent = stages.find((s) => s.name !== undefined && s.name.toLowerCase() === from.toLowerCase());
      stage = { ...(name ? { name } : {}), line: ins.line, from, env: { ...parent?.env } };
      if (parent?.entrypoint) stage.entrypoint = parent.entrypoint;
      if (parent?.cmd) stage.cmd = parent.cmd;
      stages.push(stage);
      args = {};
      continue;
    }
    if (ins.keyword === 'ARG') {
      for (const decl of splitWords(ins.rest)) {
        const eq = decl.indexOf('=');
        const key = eq < 0 ? decl : decl.slice(0, eq);
        // A build-time value only: `--build-arg` may change it, the image's environment never sees it.
        const value = eq < 0 ? globalArgs[key] : dockerWord(decl.slice(eq + 1), { ...globalArgs, ...args, ...envValues(stage) });
        if (!stage) {
          if (value !== undefined) globalArgs[key] = value;
        } else if (value !== undefined) args[key] = value;
      }
      continue;
    }
    if (!stage) {
      if (ins.keyword !== 'ARG') errors.push({ line: ins.line, message: `${ins.keyword} before the first FROM` });
      continue;
    }
    const vars = { ...args, ...envValues(stage) };
    if (ins.keyword === 'ENV') for (const [k, v] of envPairs(ins.rest)) stage.env[k] = { value: dockerWord(v, { ...vars }), line: ins.line };
    else if (ins.keyword === 'CMD') stage.cmd = command(ins);
    else if (ins.keyword === 'ENTRYPOINT') {
      stage.entrypoint = command(ins);
      // "If CMD is defined from the base image, setting ENTRYPOINT will reset CMD to an empty value."
      delete stage.cmd;
    }
  }
  return { stages, errors };
}

/** What the container runs: ENTRYPOINT then CMD as its arguments (a shell-form ENTRYPOINT ignores CMD). */
export function stageCommand(stage: DockerStage): DockerCommand | undefined {
  const { entrypoint, cmd } = stage;
  if (!entrypoint) return cmd;
  if (typeof entrypoint.value === 'string' || !cmd) return entrypoint;
  const args = typeof cmd.value === 'string' ? ['/bin/sh', '-c', cmd.value] : cmd.value;
  return { value: [...entrypoint.value, ...args], line: entrypoint.line };
}

function envValues(stage: DockerStage | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(stage?.env ?? {}).map(([k, v]) => [k, v.value]));
}

function command(ins: Instruction): DockerCommand {
  const rest = ins.rest.trim();
  if (rest.startsWith('[')) {
    try {
      const v: unknown = JSON.parse(rest);
      if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return { value: v, line: ins.line };
    } catch {
      // Not JSON: Docker runs it in shell form.
    }
  }
  return { value: rest, line: ins.line };
}

/** `ENV A=1 B="x y"`, or the old `ENV NAME value with spaces`. */
function envPairs(rest: string): [string, string][] {
  const words = splitWords(rest);
  if (words.length > 0 && !words[0]!.includes('=')) {
    const m = /^\s*(\S+)\s+([\s\S]*)$/.exec(rest);
    return m ? [[m[1]!, m[2]!.trim()]] : [];
  }
  return words.filter((w) => w.includes('=')).map((w) => [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)]);
}

/** Words of an instruction, quotes kept (dockerWord removes them). */
function splitWords(rest: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i]!;
    if (quote) {
      if (c === '\\' && quote === '"' && i + 1 < rest.length) cur += c + rest[++i];
      else {
        if (c === quote) quote = undefined;
        cur += c;
      }
    } else if (/\s/.test(c)) {
      if (cur) out.push(cur);
      cur = '';
    } else {
      if (c === '"' || c === "'") quote = c;
      if (c === '\\' && i + 1 < rest.length) cur += c + rest[++i];
      else cur += c;
    }
  }
  if (cur) out.push(cur);
  return out;
}

/**
 * A word as the builder reads it (ENV, ARG, FROM values): quotes removed, `\x` escapes, and $VAR,
 * ${VAR}, ${VAR:-word}, ${VAR-word}, ${VAR:+word}, ${VAR+word} from the build's variables; an unset
 * variable is empty.
 */
function dockerWord(word: string, vars: Record<string, string>): string {
  let out = '';
  let quote: string | undefined;
  for (let i = 0; i < word.length; i++) {
    const c = word[i]!;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else out += c;
    } else if (c === '\\' && i + 1 < word.length) out += word[++i];
    else if ((c === '"' || c === "'") && (quote === undefined || c === quote)) quote = quote ? undefined : c;
    else if (c === '$') {
      const m = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/.exec(word.slice(i));
      if (!m) {
        out += c;
        continue;
      }
      i += m[0].length - 1;
      const value = vars[(m[1] ?? m[4])!];
      const op = m[2];
      const unset = value === undefined || (op?.startsWith(':') && value === '');
      if (op?.endsWith('-')) out += unset ? dockerWord(m[3]!, vars) : value;
      else if (op?.endsWith('+')) out += unset ? '' : dockerWord(m[3]!, vars);
      else out += value ?? '';
    } else out += c;
  }
  return out;
}

/** Instructions with continuation lines joined, comment lines and here-document bodies left out. */
function instructions(text: string): Instruction[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const out: Instruction[] = [];
  let buf = '';
  let start = 0;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (buf === '' && /^\s*(#|$)/.test(raw)) continue;
    // Comment lines inside a continued instruction are dropped by the parser.
    if (buf !== '' && /^\s*#/.test(raw)) continue;
    if (buf === '') start = i + 1;
    const continued = /\\\s*$/.test(raw);
    buf += continued ? raw.replace(/\\\s*$/, '') : raw;
    if (continued && i < lines.length - 1) continue;
    const m = /^\s*([A-Za-z]+)\s*([\s\S]*)$/.exec(buf);
    buf = '';
    if (!m) continue;
    const ins = { keyword: m[1]!.toUpperCase(), rest: m[2]!, line: start };
    out.push(ins);
    // `RUN <<EOF` … `EOF`: the body is the here-document's, not instructions.
    const doc = /<<-?\s*['"]?([A-Za-z_][A-Za-z0-9_]*)['"]?/.exec(ins.rest);
    if (doc && ins.keyword !== 'CMD' && ins.keyword !== 'ENTRYPOINT') {
      while (i + 1 < lines.length && lines[i + 1]!.trim() !== doc[1]) i++;
      i++;
    }
  }
  return out;
}
