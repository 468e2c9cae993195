// Everything a command touches of its process, passed in: so the CLI runs in-process under test
// (the fuzz test drives it 10,000 times) exactly as it runs from the shell.
export interface Io {
  out(text: string): void;
  err(text: string): void;
  env: Record<string, string | undefined>;
  /** stdout is a terminal (colour, table width). */
  isTTY: boolean;
  columns?: number;
}

export function processIo(): Io {
  return {
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
    env: process.env,
    isTTY: process.stdout.isTTY === true,
    ...(process.stdout.columns ? { columns: process.stdout.columns } : {}),
  };
}
