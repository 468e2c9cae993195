// Global setup of the browser and single-executable tests: the CLI (dist/, what the page is compared
// with) and the page (web/dist/) are built from the current sources first. Chromium's presence is checked
// with the other Debian packages (system-packages.ts): missing, the run fails rather than skips.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export default function setup(): void {
  execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
  execFileSync(process.execPath, [path.join(root, 'scripts/build-web.mjs')], { stdio: 'inherit' });
}
