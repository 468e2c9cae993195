// Global setup of the real-server tests: every Debian package they need (.ci/apt-packages) is
// installed, or the run stops at once with the one line that installs what is missing — never a
// 20-second timeout of a server that cannot start. The same in CI and on a developer's machine.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const LIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../.ci/apt-packages');

export function neededPackages(): string[] {
  return readFileSync(LIST, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

export function missingPackages(packages = neededPackages()): string[] {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Package} ${db:Status-Status}\\n', ...packages], { encoding: 'utf8' });
  if (r.error) throw new Error(`the real-server tests run on Debian (dpkg-query: ${r.error.message}); run the other tests with: npx vitest run --project unit`);
  const installed = new Set(r.stdout.split('\n').filter((l) => l.endsWith(' installed')).map((l) => l.split(' ')[0]));
  return packages.filter((p) => !installed.has(p));
}

export default function setup(): void {
  const missing = missingPackages();
  if (missing.length) throw new Error(`missing Debian packages the real-server tests need: ${missing.join(' ')}\n  install them with: sudo apt-get install ${missing.join(' ')}\n  (the list is .ci/apt-packages; the other tests run without them: npx vitest run --project unit)`);
}
