import { request } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWebBuild, registerStaticWeb } from '../../src/http/static-web.ts';

const dir = mkdtempSync(join(tmpdir(), 'static-web-'));
const SCRIPT = `console.log(${JSON.stringify('x'.repeat(5000))});\n`;
const SHELL = `<!DOCTYPE html><html><head><title>NetBox Chatbox</title></head><body>${'<div></div>'.repeat(300)}</body></html>`;
let app: FastifyInstance;
let base: string;

/** A generated UI as `nuxt generate` writes it: hashed assets with their .br and .gz made at build time. */
beforeAll(async () => {
  mkdirSync(join(dir, '_nuxt'));
  writeFileSync(join(dir, 'index.html'), SHELL);
  writeFileSync(join(dir, '_nuxt', 'Ab12Cd34.js'), SCRIPT);
  writeFileSync(join(dir, '_nuxt', 'Ab12Cd34.js.br'), brotliCompressSync(SCRIPT));
  writeFileSync(join(dir, '_nuxt', 'Ab12Cd34.js.gz'), gzipSync(SCRIPT));
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  const build = loadWebBuild(dir);
  if (!build) throw new Error('no build');
  app = Fastify();
  await registerStaticWeb(app, build);
  base = await app.listen({ host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The raw bytes as they went over the wire (fetch would decode them). */
function get(path: string, encoding = 'identity'): Promise<{ status: number; headers: Headers; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(`${base}${path}`, { headers: { 'accept-encoding': encoding } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(response.headers)) if (typeof value === 'string') headers.set(name, value);
        resolve({ status: response.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
      });
    })
      .on('error', reject)
      .end();
  });
}

describe('the built UI over the wire', () => {
  it('sends hashed assets precompressed, brotli first, with a year of immutable caching', async () => {
    const br = await get('/_nuxt/Ab12Cd34.js', 'gzip, deflate, br');
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(brotliDecompressSync(br.body).toString()).toBe(SCRIPT);
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(br.headers.get('vary')).toMatch(/accept-encoding/i);

    const gz = await get('/_nuxt/Ab12Cd34.js', 'gzip');
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(SCRIPT);

    const plain = await get('/_nuxt/Ab12Cd34.js');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.body.toString()).toBe(SCRIPT);
    expect(plain.body.length).toBeGreaterThan(br.body.length * 5);
  });

  it('sends the app shell compressed and never cached without asking, on every client-side route', async () => {
    for (const path of ['/', '/c/some-id', '/sign-in']) {
      const shell = await get(path, 'br, gzip');
      expect(shell.status).toBe(200);
      expect(shell.headers.get('content-encoding')).toBe('br');
      expect(brotliDecompressSync(shell.body).toString()).toBe(SHELL);
      expect(shell.headers.get('cache-control')).toBe('no-cache');
      expect(shell.headers.get('vary')).toMatch(/accept-encoding/i);
    }
    const gz = await get('/', 'gzip');
    expect(gunzipSync(gz.body).toString()).toBe(SHELL);
    expect((await get('/')).body.toString()).toBe(SHELL);
  });

  it('revalidates files that are not hashed', async () => {
    const icon = await get('/favicon.svg');
    expect(icon.status).toBe(200);
    expect(icon.headers.get('cache-control')).toBe('no-cache');
  });
});
