import { execFile, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/**
 * A throwaway PostgreSQL cluster for tests: initdb into a temporary directory, started on a free loopback
 * port with its socket in that directory, fsync off, stopped and removed by `stop()` (and, failing that, when
 * the test process exits). PostgreSQL refuses to run as root, so as root (CI, these machines) every command
 * runs as the `postgres` user that Debian's postgresql package creates, through `runuser`. The binaries come
 * from PG_BIN_DIR, else the newest /usr/lib/postgresql/N/bin, else PATH.
 */
export interface PostgresCluster {
  /** A database created for the caller: `postgres://postgres@127.0.0.1:PORT/NAME`, no password (trust). */
  readonly url: string;
  readonly port: number;
  /** Another empty database in the same cluster. */
  createDatabase(): Promise<string>;
  /** Stops the server (as an outage does: every connection is cut) and keeps its data, to start it again. */
  pause(): Promise<void>;
  /** Starts the paused server again, on the same port with the same data. */
  resume(): Promise<void>;
  stop(): Promise<void>;
}

export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = findBinDir();
  const owner = process.getuid?.() === 0 ? postgresAccount() : null;
  const dir = makeClusterDir(owner);
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const invocation = (name: string, args: string[]): [string, string[]] => {
    const file = bin ? join(bin, name) : name;
    return owner ? asPostgres(file, args) : [file, args];
  };
  const command = (name: string, args: string[]) => run(...invocation(name, args), { cwd: dir });
  const stopSync = () => {
    spawnSync(...invocation('pg_ctl', ['stop', '-D', data, '-m', 'immediate']), { cwd: dir, stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  };
  let started = false;
  try {
    await command('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync']).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
      throw new Error('PostgreSQL is not installed (no initdb): apt-get install postgresql, or set PG_BIN_DIR.', { cause: error });
    });
    let port = 0;
    let settings = '';
    for (let attempt = 1; !started; attempt += 1) {
      port = await freePort();
      settings = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
      try {
        await command('pg_ctl', ['start', '-D', data, '-w', '-t', '60', '-l', log, '-o', settings]);
        started = true;
      } catch (error) {
        // The free port can be taken between our probe and the server's bind: try another.
        if (attempt >= 3) throw new Error(`PostgreSQL did not start: ${(error as Error).message}\n${readLog(log)}`, { cause: error });
      }
    }
    process.once('exit', stopSync);
    const base = `postgres://postgres@127.0.0.1:${port}`;
    let databases = 0;
    const createDatabase = async () => {
      databases += 1;
      const name = `test_${databases}`;
      const client = new pg.Client({ connectionString: `${base}/postgres` });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `${base}/${name}`;
    };
    const url = await createDatabase();
    let stopped = false;
    return {
      url,
      port,
      createDatabase,
      async pause() {
        await command('pg_ctl', ['stop', '-D', data, '-m', 'fast', '-w', '-t', '60']);
      },
      async resume() {
        await command('pg_ctl', ['start', '-D', data, '-w', '-t', '60', '-l', log, '-o', settings]);
      },
      async stop() {
        if (stopped) return;
        stopped = true;
        process.removeListener('exit', stopSync);
        try {
          await command('pg_ctl', ['stop', '-D', data, '-m', 'fast', '-w', '-t', '60']);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    if (started) stopSync();
    else rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * As root the directory must belong to postgres, and postgres must be able to reach it: TMPDIR may point
 * somewhere only root can enter (under /root), in which case /tmp is used.
 */
function makeClusterDir(owner: { uid: number; gid: number } | null): string {
  const dir = mkdtempSync(join(tmpdir(), 'pg-test-'));
  if (!owner) return dir;
  chownSync(dir, owner.uid, owner.gid);
  if (spawnSync(...asPostgres('test', ['-w', dir]), { stdio: 'ignore' }).status === 0) return dir;
  rmSync(dir, { recursive: true, force: true });
  const fallback = mkdtempSync('/tmp/pg-test-');
  chownSync(fallback, owner.uid, owner.gid);
  return fallback;
}

/** runuser (util-linux, in every Debian) where it is found, else su; both are in /usr/sbin, which PATH may lack. */
function asPostgres(file: string, args: string[]): [string, string[]] {
  const runuser = ['/usr/sbin/runuser', '/sbin/runuser'].find((path) => existsSync(path));
  if (runuser) return [runuser, ['-u', 'postgres', '--', file, ...args]];
  const quoted = [file, ...args].map((word) => `'${word.replaceAll("'", `'\\''`)}'`).join(' ');
  return ['su', ['postgres', '-s', '/bin/sh', '-c', quoted]];
}

function findBinDir(): string | null {
  const fromEnv = process.env.PG_BIN_DIR;
  if (fromEnv) return fromEnv;
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((name) => /^\d+$/.test(name) && existsSync(join(root, name, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(root, versions[0], 'bin');
  }
  return null;
}

function postgresAccount(): { uid: number; gid: number } {
  const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) {
    throw new Error('Running as root, PostgreSQL needs the "postgres" user to run its server as; install Debian\'s postgresql package (apt-get install postgresql).');
  }
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function readLog(path: string): string {
  try {
    return readFileSync(path, 'utf8').slice(-2000);
  } catch {
    return '(no server log)';
  }
}
