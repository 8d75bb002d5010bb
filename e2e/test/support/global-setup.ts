import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The browser tests need the generated UI: build it once, before any test file, when it is missing or stale. */
export default function setup(): void {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
  const result = spawnSync(process.execPath, ['web/scripts/ensure-build.ts', '--strict'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('the web UI could not be built');
}
