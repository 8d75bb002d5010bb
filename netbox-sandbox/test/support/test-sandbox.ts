import { afterAll, beforeAll } from 'vitest';
import type { Dataset } from '../../src/db/dataset.ts';
import { loadDump } from '../../src/db/dump/load-dump.ts';
import { generateDataset } from '../../src/db/generate/generate-dataset.ts';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../src/sandbox.ts';
import { sharedNetboxFile } from './shared-data.ts';

/** A fixed "now" so generated change history, and so every test's expectations, never move. */
export const TEST_ANCHOR = new Date('2026-11-01T00:00:00Z');

let generated: Dataset | undefined;

/** The ×1 generated data set, made once per test file. */
export function generatedDataset(): Dataset {
  generated ??= generateDataset({ seed: 1, scale: 1, anchor: TEST_ANCHOR });
  return generated;
}

export const DEMO_DUMP = sharedNetboxFile('demo-data/netbox-demo-v4.2.sql.gz');

export async function demoDataset(): Promise<Dataset> {
  if (!DEMO_DUMP) throw new Error('NetBox demo dump not available');
  return loadDump(DEMO_DUMP);
}

/** Starts a sandbox for the tests of one file on a free loopback port and stops it afterwards. */
export function useSandbox(options: () => Promise<SandboxOptions> | SandboxOptions = () => ({ dataset: generatedDataset() })): {
  readonly current: RunningSandbox;
} {
  const holder: { sandbox?: RunningSandbox } = {};
  beforeAll(async () => {
    holder.sandbox = await startSandbox({ host: '127.0.0.1', port: 0, ...(await options()) });
  });
  afterAll(async () => {
    await holder.sandbox?.close();
  });
  return {
    get current() {
      if (!holder.sandbox) throw new Error('sandbox not started');
      return holder.sandbox;
    },
  };
}
