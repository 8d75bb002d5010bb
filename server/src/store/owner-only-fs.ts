import type { PGlite } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';

type PostgresMod = Parameters<NodeFS['init']>[1];
type ModuleFs = { doChmod?: (stream: unknown, node: unknown, mode: number, dontFollow?: boolean) => void };

/** Group and other permission bits. */
const NOT_OWNER = 0o077;

/**
 * PGlite's files on disk, readable and writable by the server's user only. Its Emscripten file system sets
 * every file's mode itself after creating it (to what PostgreSQL asks, 0666 here), so the process umask does not
 * reach them; this masks every mode it sets (creation, chmod, the initial data directory) to owner-only. The
 * process umask (see data-dir.ts) covers the folders and every other file.
 */
export class OwnerOnlyNodeFS extends NodeFS {
  override async init(pg: PGlite, opts: PostgresMod): ReturnType<NodeFS['init']> {
    const result = await super.init(pg, opts);
    const preRun = result.emscriptenOpts.preRun ?? [];
    return {
      emscriptenOpts: {
        ...result.emscriptenOpts,
        preRun: [
          (mod: { FS: unknown }) => {
            const fs = mod.FS as ModuleFs;
            const doChmod = fs.doChmod;
            if (typeof doChmod !== 'function') throw new Error('PGlite’s file system has no doChmod: owner-only file modes cannot be kept (check the PGlite version)');
            fs.doChmod = (stream, node, mode, dontFollow) => doChmod.call(fs, stream, node, mode & ~NOT_OWNER, dontFollow);
          },
          ...preRun,
        ],
      },
    };
  }
}
