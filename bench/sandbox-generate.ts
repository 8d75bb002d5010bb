import { spawnSync } from 'node:child_process';

/**
 * Generation time and memory of the sandbox data at ×1, ×10 and ×100, each in a fresh Node process, with
 * ratios against ×1 measured in the same run. Usage: npm run bench:generate
 */
const CHILD = `
import { generateDataset } from './netbox-sandbox/src/db/generate/generate-dataset.ts';
const scale = Number(process.argv[process.argv.length - 1]);
global.gc();
const before = process.memoryUsage();
const t = performance.now();
const data = generateDataset({ seed: 1, scale, anchor: new Date('2026-11-01T00:00:00Z') });
const ms = performance.now() - t;
global.gc();
const after = process.memoryUsage();
const rows = Object.values(data.tables).reduce((n, r) => n + r.length, 0);
process.stdout.write(JSON.stringify({ ms, heapMb: (after.heapUsed - before.heapUsed) / 2 ** 20, rssMb: after.rss / 2 ** 20, rows }));
`;

interface Result {
  ms: number;
  heapMb: number;
  rssMb: number;
  rows: number;
}

const results: [number, Result][] = [];
for (const scale of [1, 10, 100]) {
  const out = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', '--input-type=module', '-e', CHILD, String(scale)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (out.status !== 0) throw new Error(`scale ${scale} failed: ${out.stderr}`);
  results.push([scale, JSON.parse(out.stdout) as Result]);
}
const [, base] = results[0]!;
process.stdout.write('scale        rows     time (s)   heap (MB)   RSS (MB)   time ratio   heap ratio\n');
for (const [scale, r] of results) {
  process.stdout.write(
    `x${String(scale).padEnd(6)} ${String(r.rows).padStart(9)} ${(r.ms / 1000).toFixed(2).padStart(10)} ${r.heapMb.toFixed(0).padStart(11)} ${r.rssMb.toFixed(0).padStart(10)} ${(r.ms / base.ms).toFixed(1).padStart(11)}x ${(r.heapMb / base.heapMb).toFixed(1).padStart(11)}x\n`,
  );
}
