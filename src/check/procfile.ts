// Procfile (Heroku, foreman, honcho): `name: command` per line.
export interface ProcfileEntry {
  name: string;
  command: string;
  line: number;
}

export function parseProcfile(text: string): { entries: ProcfileEntry[]; errors: { line: number; message: string }[] } {
  const entries: ProcfileEntry[] = [];
  const errors: { line: number; message: string }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const m = /^([A-Za-z0-9_-]+):\s*(.*)$/.exec(line);
    if (!m) errors.push({ line: i + 1, message: `not a "name: command" line: ${line.slice(0, 60)}` });
    else entries.push({ name: m[1]!, command: m[2]!, line: i + 1 });
  });
  return { entries, errors };
}
