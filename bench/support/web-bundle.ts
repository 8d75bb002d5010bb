import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface Bytes {
  readonly files: number;
  readonly raw: number;
  readonly gzip: number;
}

export interface BundleFigures {
  readonly firstLoad: { readonly js: Bytes; readonly css: Bytes };
  /** A first visit straight to a conversation with answers: the Markdown renderer and highlighter come too. */
  readonly conversationLoad?: { readonly js: Bytes; readonly css: Bytes };
  readonly shipped: { readonly js: Bytes; readonly css: Bytes };
  /** The first load's biggest files, gzip bytes, to show where the weight is. */
  readonly largest: ReadonlyArray<{ readonly path: string; readonly gzip: number }>;
}

const gzipCache = new Map<string, number>();

/** What a server that compresses would send: gzip at level 9, as `nginx gzip_comp_level 9` or a build-time .gz. */
function gzipBytes(file: string): number {
  let size = gzipCache.get(file);
  if (size === undefined) {
    size = gzipSync(readFileSync(file), { level: 9 }).length;
    gzipCache.set(file, size);
  }
  return size;
}

function total(files: readonly string[]): Bytes {
  return {
    files: files.length,
    raw: files.reduce((sum, file) => sum + statSync(file).size, 0),
    gzip: files.reduce((sum, file) => sum + gzipBytes(file), 0),
  };
}

function allFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? allFiles(join(dir, entry.name)) : [join(dir, entry.name)]));
}

const isJs = (file: string) => ['.js', '.mjs'].includes(extname(file));
const isCss = (file: string) => extname(file) === '.css';

/**
 * The scripts and stylesheets of a generated app: those its first load fetched (paths seen by the browser,
 * sized from the build on disk) and everything in the build.
 */
export function measureBundle(publicDir: string, firstLoadPaths: readonly string[], conversationPaths?: readonly string[]): BundleFigures {
  const files = (paths: readonly string[]) => paths.map((path) => join(publicDir, decodeURIComponent(path))).filter((file) => existsSync(file));
  const loaded = files(firstLoadPaths);
  const conversation = conversationPaths ? files(conversationPaths) : undefined;
  const shipped = allFiles(publicDir).filter((file) => isJs(file) || isCss(file));
  const largest = loaded
    .map((file) => ({ path: file.slice(publicDir.length), gzip: gzipBytes(file) }))
    .sort((a, b) => b.gzip - a.gzip)
    .slice(0, 5);
  return {
    firstLoad: { js: total(loaded.filter(isJs)), css: total(loaded.filter(isCss)) },
    ...(conversation ? { conversationLoad: { js: total(conversation.filter(isJs)), css: total(conversation.filter(isCss)) } } : {}),
    shipped: { js: total(shipped.filter(isJs)), css: total(shipped.filter(isCss)) },
    largest,
  };
}

export function sum(a: Bytes, b: Bytes): Bytes {
  return { files: a.files + b.files, raw: a.raw + b.raw, gzip: a.gzip + b.gzip };
}
