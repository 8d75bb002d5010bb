import { runLoad, type LoadResult } from './support/http-load.ts';
import { startChildServer } from './support/child-server.ts';

/**
 * Requests per second for a 50-device list page from the sandbox at ×1 and ×100, against a baseline run in
 * the same session: the same body served as a pre-rendered JSON document by the same HTTP stack.
 * Usage: npm run bench:sandbox [-- --seconds 5 --concurrency 16]
 */
const argv = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const seconds = option('seconds', 5);
const concurrency = option('concurrency', 16);
const PATH = '/api/dcim/devices/?limit=50';

const fmt = (r: LoadResult) =>
  `${r.rps.toFixed(0).padStart(7)} req/s   p50 ${r.p50Ms.toFixed(2).padStart(6)} ms   p95 ${r.p95Ms.toFixed(2).padStart(6)} ms   errors ${r.errors}`;

const rows: [string, LoadResult][] = [];
let baseline: LoadResult | undefined;
for (const scale of [1, 100]) {
  const sandbox = await startChildServer(['sandbox', String(scale)]);
  try {
    const headers = { authorization: sandbox.authorization, accept: 'application/json' };
    const res = await fetch(`${sandbox.url}${PATH}`, { headers });
    const body = await res.text();
    await runLoad(`${sandbox.url}${PATH}`, headers, concurrency, 1); // warm-up
    rows.push([`sandbox x${scale}`, await runLoad(`${sandbox.url}${PATH}`, headers, concurrency, seconds)]);
    if (!baseline) {
      const statik = await startChildServer(['static'], body);
      try {
        await runLoad(`${statik.url}${PATH}`, {}, concurrency, 1);
        baseline = await runLoad(`${statik.url}${PATH}`, {}, concurrency, seconds);
      } finally {
        await statik.stop();
      }
    }
  } finally {
    await sandbox.stop();
  }
}

process.stdout.write(`GET ${PATH}, ${concurrency} connections, ${seconds}s each\n`);
process.stdout.write(`baseline (static JSON, Fastify)  ${fmt(baseline!)}\n`);
for (const [name, r] of rows) {
  process.stdout.write(`${name.padEnd(32)} ${fmt(r)}   ratio ${(r.rps / baseline!.rps).toFixed(2)}x of baseline\n`);
}
