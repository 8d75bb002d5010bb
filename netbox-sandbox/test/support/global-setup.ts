import { existsSync, readFileSync, rmSync } from 'node:fs';
import { COVERAGE_FILE } from './api-client.ts';
import { loadOfficialSchema } from './official-schema.ts';

/** Clears the conformance record before the run and prints which official GET operations it covered after. */
export function setup(): void {
  rmSync(COVERAGE_FILE, { force: true });
}

export function teardown(): void {
  const doc = loadOfficialSchema();
  if (!doc || !existsSync(COVERAGE_FILE)) return;
  const covered = new Set(
    readFileSync(COVERAGE_FILE, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { operation: string }).operation),
  );
  const all = Object.keys(doc.paths).filter((p) => doc.paths[p]?.get && p.startsWith('/api/'));
  const list = [...covered].sort();
  process.stdout.write(
    `\nNetBox 4.6 conformance: ${covered.size} of ${all.length} official GET operations covered by validated responses\n` +
      `${list.map((p) => `  ${p}`).join('\n')}\n`,
  );
}
