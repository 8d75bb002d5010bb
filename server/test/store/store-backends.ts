import { afterAll, beforeAll } from 'vitest';
import { openStore, type Store } from '../../src/store/index.ts';
import { startPostgresCluster, type PostgresCluster } from '../support/postgres-cluster.ts';

export const TEST_SECRET = 'test-secret-that-is-long-enough-0123456789';

export type BackendName = 'pglite' | 'postgres';
export const BACKENDS: BackendName[] = ['pglite', 'postgres'];

/**
 * One real PostgreSQL cluster for the test file (started in beforeAll, stopped in afterAll), and a way to open
 * a store on either backend: PGlite in memory, or a fresh database in that cluster.
 */
export function useBackends() {
  let cluster: PostgresCluster | undefined;
  const stores: Store[] = [];
  beforeAll(async () => {
    cluster = await startPostgresCluster();
  });
  afterAll(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    await cluster?.stop();
  });
  return {
    get cluster(): PostgresCluster {
      if (!cluster) throw new Error('the cluster starts in beforeAll');
      return cluster;
    },
    /** A URL of a new, empty database in the cluster. */
    async postgresUrl(): Promise<string> {
      if (!cluster) throw new Error('the cluster starts in beforeAll');
      return cluster.createDatabase();
    },
    /** A migrated store on an empty database, closed in afterAll. */
    async open(backend: BackendName, options: { sessionSecret?: string } = { sessionSecret: TEST_SECRET }): Promise<Store> {
      const database = backend === 'pglite' ? ({ kind: 'pglite', dir: 'memory://' } as const) : ({ kind: 'postgres', url: await this.postgresUrl() } as const);
      const store = await openStore({ database, ...(options.sessionSecret ? { sessionSecret: options.sessionSecret } : {}) });
      stores.push(store);
      return store;
    },
  };
}
