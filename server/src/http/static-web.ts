import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Where `npm run build -w web` (nuxt generate) writes the single-page app, beside the server package. */
export const DEFAULT_WEB_DIR = resolve(packageRoot(dirname(fileURLToPath(import.meta.url))), '../web/.output/public');

/** The nearest folder with a package.json: server/ whether this runs from server/src/http or the server/dist bundle. */
function packageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return from;
  }
}

/** The page every client-side route loads: Nuxt writes it for static hosts' SPA fallback. */
const SHELL_FILES = ['200.html', 'index.html'] as const;

/** Paths the UI never owns: an unknown one there is a 404 in JSON, not the app shell. */
const SERVER_PREFIXES = ['/api/', '/ws/', '/health', '/ready', '/_nuxt/'];

export interface WebBuild {
  readonly dir: string;
  /** The app shell's HTML, served for every client-side route. */
  readonly shell: string;
  /** The shell compressed once at start, as the build's assets are at build time. */
  readonly shellEncoded: { readonly br: Buffer; readonly gzip: Buffer };
  /** CSP sources (`'sha256-…'`) for the shell's inline scripts (the colour-mode script runs before paint). */
  readonly scriptHashes: readonly string[];
}

/** The generated UI in `dir`, or undefined when it has not been built. */
export function loadWebBuild(dir: string = DEFAULT_WEB_DIR): WebBuild | undefined {
  const shellFile = SHELL_FILES.map((name) => join(dir, name)).find((file) => existsSync(file));
  if (!shellFile) return undefined;
  const shell = readFileSync(shellFile, 'utf8');
  const shellEncoded = { br: brotliCompressSync(shell, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }), gzip: gzipSync(shell, { level: 9 }) };
  return { dir, shell, shellEncoded, scriptHashes: inlineScriptHashes(shell) };
}

/**
 * Hashes of the inline scripts the browser checks against `script-src`: executable ones and import maps (Nuxt 4.6
 * writes one for its entry). JSON data blocks need none, as browsers never run them.
 */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const attributes = match[1] ?? '';
    const body = match[2] ?? '';
    if (/\bsrc\s*=/i.test(attributes) || body.length === 0) continue;
    const type = /\btype\s*=\s*["']?([^"'\s>]+)/i.exec(attributes)?.[1]?.toLowerCase();
    if (type && type !== 'module' && type !== 'text/javascript' && type !== 'importmap') continue;
    hashes.push(`'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
  }
  return hashes;
}

/**
 * Serves the built UI: hashed assets with a year's immutable cache and everything else revalidated, each as the
 * brotli or gzip file written beside it at build time when the browser takes it; and the app shell for any other
 * GET that wants HTML, so `/c/<id>` survives a reload.
 */
export async function registerStaticWeb(app: FastifyInstance, build: WebBuild): Promise<void> {
  await app.register(fastifyStatic, {
    root: build.dir,
    wildcard: false,
    index: false,
    preCompressed: true,
    // Ours, below: the plugin's own header would say max-age=0 for every file.
    cacheControl: false,
    setHeaders: (res, path) => {
      res.setHeader('cache-control', path.includes('/_nuxt/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      // The same URL is sent as brotli, gzip or plain: caches in between must keep them apart.
      res.setHeader('vary', 'accept-encoding');
    },
  });
  const sendShell = (request: FastifyRequest, reply: FastifyReply) => {
    reply.header('cache-control', 'no-cache').header('vary', 'accept-encoding').type('text/html; charset=utf-8');
    const encoding = preferredEncoding(request.headers['accept-encoding']);
    if (encoding) return reply.header('content-encoding', encoding).send(build.shellEncoded[encoding]);
    return reply.send(build.shell);
  };
  app.get('/', { schema: { hide: true } }, sendShell);
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (SERVER_PREFIXES.some((prefix) => path.startsWith(prefix))) return reply.callNotFound();
    // Files of the build each have their own route (wildcard: false); a missing one is a plain 404.
    if (/\.[a-z0-9]{1,8}$/i.test(path)) return reply.callNotFound();
    return sendShell(request, reply);
  });
}

/** brotli when the browser takes it (every current one does over HTTPS and on localhost), else gzip, else none. */
function preferredEncoding(header: string | string[] | undefined): 'br' | 'gzip' | undefined {
  const accepted = new Map<string, number>();
  for (const part of String(header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find((v) => v !== undefined);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const takes = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (takes('br')) return 'br';
  if (takes('gzip')) return 'gzip';
  return undefined;
}
