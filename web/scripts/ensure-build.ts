import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm start` runs this first: it generates the UI when there is no build yet or a source file is newer than it,
 * so a fresh clone opens a working app and an edited one never serves a stale UI.
 */
const webRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(webRoot, '.output', 'public', 'index.html');
const sources = [join(webRoot, 'app'), join(webRoot, 'nuxt.config.ts'), join(webRoot, 'package.json'), resolve(webRoot, '..', 'protocol', 'src')];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
const changedAt = Math.max(...sources.map(newestMtime));
if (builtAt > changedAt) process.exit(0);

process.stdout.write(builtAt === 0 ? 'Building the web UI (first start, about 30 s)…\n' : 'The web UI changed: rebuilding it…\n');
const result = spawnSync('npx', ['nuxt', 'generate'], { cwd: webRoot, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NUXT_TELEMETRY_DISABLED: '1' } });
if (result.status !== 0) {
  // `npm start` goes on with the API alone; the browser tests (--strict) cannot.
  process.stderr.write('The web UI could not be built (see above). The server still serves the API.\n');
  process.exit(process.argv.includes('--strict') ? 1 : 0);
}
