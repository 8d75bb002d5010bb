import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { DumpError } from './dump-error.ts';

/**
 * Dumps are shipped gzipped as often as not (NetBox's demo data is), and the file name is no reliable
 * guide, so the first bytes decide. Lines are streamed rather than read whole: a production NetBox dump
 * can be gigabytes, and the loader only ever needs one line at a time.
 */

const GZIP_MAGIC = [0x1f, 0x8b];
// pg_dump's custom and tar archive formats (-Fc, -Ft) start with this; they need pg_restore, not us.
const ARCHIVE_MAGIC = 'PGDMP';

/** Yields the file's lines without line terminators, gunzipping first when the file is gzip-compressed. */
export async function* readDumpLines(path: string): AsyncGenerator<string> {
  const input = await openDumpStream(path);
  const lines = createInterface({ input, crlfDelay: Infinity });
  let first = true;
  try {
    for await (const line of lines) {
      // A byte-order mark would hide a `COPY` or `CREATE TABLE` on the very first line.
      yield first && line.startsWith('\uFEFF') ? line.slice(1) : line;
      first = false;
    }
  } catch (error) {
    throw new DumpError('DUMP_UNREADABLE', path, `Cannot read dump file ${path}: ${describe(error)}`, {
      cause: error,
    });
  } finally {
    lines.close();
    input.destroy();
  }
}

async function openDumpStream(path: string): Promise<Readable> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw new DumpError('DUMP_UNREADABLE', path, `Cannot open dump file ${path}: ${describe(error)}`, {
      cause: error,
    });
  }
  try {
    const head = Buffer.alloc(ARCHIVE_MAGIC.length);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    if (head.subarray(0, bytesRead).toString('latin1') === ARCHIVE_MAGIC) {
      throw new DumpError(
        'DUMP_UNREADABLE',
        path,
        `Dump file ${path} is a pg_dump archive (custom or tar format), not plain SQL; ` +
          `convert it with: pg_restore -f dump.sql ${path}`,
      );
    }
    const isGzip = bytesRead >= 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
    const raw = handle.createReadStream({ start: 0, encoding: isGzip ? undefined : 'utf8' });
    if (!isGzip) return raw;
    // pipeline, unlike pipe, forwards a read error on the file to the gunzip stream readline listens to.
    const gunzip = createGunzip();
    gunzip.setEncoding('utf8');
    return pipeline(raw, gunzip, () => undefined);
  } catch (error) {
    await handle.close().catch(() => undefined);
    if (error instanceof DumpError) throw error;
    throw new DumpError('DUMP_UNREADABLE', path, `Cannot read dump file ${path}: ${describe(error)}`, {
      cause: error,
    });
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
