import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { StoreError } from './store-error.ts';

const run = promisify(execFile);

/** PostgreSQL writes this file last when it creates a cluster. */
export function isInitialized(dataDir: string): boolean {
  return existsSync(join(dataDir, 'PG_VERSION'));
}

/**
 * Creates a PGlite cluster in a short-lived child process. initdb runs PostgreSQL's bootstrap in a second WASM
 * instance whose memory the server would keep for its whole life (~200 MB measured); in a child, it goes back to
 * the operating system when the child exits, so a first start is as light as every later one.
 */
export async function initdbInChild(dataDir: string): Promise<void> {
  const pglite = import.meta.resolve('@electric-sql/pglite');
  const script = `import { PGlite } from ${JSON.stringify(pglite)};\nconst db = await PGlite.create(${JSON.stringify(dataDir)});\nawait db.close();\n`;
  try {
    await run(process.execPath, ['--input-type=module', '-e', script], { timeout: 120_000, env: { PATH: process.env.PATH ?? '' } });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.slice(-500) ?? '';
    throw new StoreError('STORE_UNAVAILABLE', `PGlite could not create its database in ${dataDir}${stderr ? `: ${stderr}` : ''}`, { cause: error });
  }
}
