import { startPostgresCluster, type PostgresCluster } from '../../server/test/support/postgres-cluster.ts';
import type { Cleanup } from './server-cleanup.ts';

let cluster: Promise<PostgresCluster> | undefined;

/**
 * One throwaway PostgreSQL cluster for the run (the same helper the tests use: initdb in a temp dir, loopback,
 * stopped by the cleanup), started the first time a figure needs one; each caller gets a database of its own.
 */
export async function benchDatabase(cleanup: Cleanup): Promise<string> {
  if (!cluster) {
    cluster = startPostgresCluster();
    const started = await cluster;
    cleanup.add('PostgreSQL cluster', () => started.stop());
  }
  return (await cluster).createDatabase();
}
