import { spawn } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Cleanup } from './server-cleanup.ts';
import { tempDir } from './server-world.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_PUBLIC = join(ROOT, 'web', '.output', 'public');
export const BASELINE_DIR = join(ROOT, 'bench', 'support', 'web-baseline');
export const BASELINE_PUBLIC = join(BASELINE_DIR, '.output', 'public');

/** Runs a command to its end; on Ctrl+C the cleanup stops it by its PID. Its output goes to stderr, away from the figures. */
function run(cleanup: Cleanup, what: string, command: string, args: readonly string[], cwd: string): Promise<void> {
  const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NUXT_TELEMETRY_DISABLED: '1' } });
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    tail.push(chunk.toString());
    if (tail.length > 40) tail.shift();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  cleanup.add(what, () => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) child.kill('SIGTERM');
  });
  return new Promise((resolvePromise, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      void cleanup.run(what);
      if (code === 0) resolvePromise();
      else reject(new Error(`${what} failed (${signal ?? `exit ${String(code)}`}):\n${tail.join('').slice(-3000)}`));
    });
  });
}

/**
 * Our UI, generated when missing or older than its sources (the same script `npm start` runs), then copied
 * aside: a rebuild of web/ during the run (while someone edits it) would otherwise swap the chunks under the
 * server's page and the browser would ask for files that are gone. A copy caught mid-rebuild is taken again.
 */
export async function buildOurs(cleanup: Cleanup): Promise<string> {
  const copy = join(tempDir(cleanup, 'bench-web-ui-'), 'public');
  for (let attempt = 1; ; attempt += 1) {
    await run(cleanup, 'web build', process.execPath, [join(ROOT, 'web', 'scripts', 'ensure-build.ts'), '--strict'], ROOT);
    rmSync(copy, { recursive: true, force: true });
    if (existsSync(WEB_PUBLIC)) cpSync(WEB_PUBLIC, copy, { recursive: true });
    const missing = missingShellFiles(copy);
    if (missing.length === 0) return copy;
    if (attempt === 3) throw new Error(`the UI build in ${WEB_PUBLIC} is incomplete (${missing.slice(0, 3).join(', ')}): is another build running?`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 20_000));
  }
}

/** The shell page, or the build files it names, that are not in `dir`. */
function missingShellFiles(dir: string): string[] {
  const shell = ['200.html', 'index.html'].map((name) => join(dir, name)).find((file) => existsSync(file));
  if (!shell) return ['index.html'];
  const named = [...readFileSync(shell, 'utf8').matchAll(/["'](\/_nuxt\/[^"'?#]+)/g)].map((m) => m[1]!);
  return named.filter((path) => !existsSync(join(dir, path)));
}

/**
 * The bare Nuxt UI app, generated in this run with the very Nuxt that builds web/: packages that web/ has in
 * web/node_modules (versions other than the root's) are linked in first, then the root node_modules, exactly
 * as web/ resolves them. Its build cache stays in its own folder.
 */
export async function buildBaseline(cleanup: Cleanup): Promise<string> {
  linkWebModules();
  rmSync(join(BASELINE_DIR, '.output'), { recursive: true, force: true });
  const nuxt = join(dirname(createRequire(join(ROOT, 'web', 'package.json')).resolve('nuxt/package.json')), 'bin', 'nuxt.mjs');
  await run(cleanup, 'baseline build', process.execPath, [nuxt, 'generate'], BASELINE_DIR);
  if (!existsSync(join(BASELINE_PUBLIC, 'index.html'))) throw new Error(`no built baseline in ${BASELINE_PUBLIC}`);
  return BASELINE_PUBLIC;
}

/** bench/support/web-baseline/node_modules/<entry> → web/node_modules/<entry>, except web's caches and bins. */
function linkWebModules(): void {
  const source = join(ROOT, 'web', 'node_modules');
  const target = join(BASELINE_DIR, 'node_modules');
  if (!existsSync(source)) return;
  mkdirSync(target, { recursive: true });
  for (const entry of readdirSync(source)) {
    if (entry === '.cache' || entry === '.bin' || entry.startsWith('.package-lock')) continue;
    const link = join(target, entry);
    const wanted = relative(target, join(source, entry));
    if (existsSync(link) || isLink(link)) {
      if (isLink(link) && readlinkSync(link) === wanted) continue;
      rmSync(link, { recursive: true, force: true });
    }
    symlinkSync(wanted, link);
  }
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
