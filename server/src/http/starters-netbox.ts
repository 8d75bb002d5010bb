import { NetboxClient } from '@netbox-chatbox/netbox-mcp';
import { cleanName, type StarterFacts } from './starters-questions.ts';

export interface StarterSource {
  readonly url: string;
  readonly token: string;
  /** Per request; starters must never hold up the page. */
  readonly timeoutMs: number;
  readonly verifyTls: boolean;
}

export interface FactsResult {
  readonly facts: StarterFacts;
  /** Queries that failed, by fact, with NetBox's error code (never a token or body). */
  readonly failures: Readonly<Record<string, string>>;
}

type Row = Record<string, unknown>;

/**
 * A few cheap reads (one row each, brief) in parallel, with the user's own token so their NetBox permissions
 * decide what may be named. Each fact fails alone: one refused object type still leaves the others.
 */
export async function readStarterFacts(source: StarterSource): Promise<FactsResult> {
  const client = new NetboxClient({ url: source.url, token: source.token, timeoutMs: source.timeoutMs, retry: { retries: 0 }, verifyTls: source.verifyTls });
  const first = async (path: string, params: Record<string, string | number>): Promise<Row | undefined> => {
    const page = await client.list<Row>(path, { brief: 1, limit: 1, ...params });
    return page.results[0];
  };
  const reads = {
    site: first('/api/dcim/sites/', { status: 'active' }).then((row) => cleanName(row?.name)),
    uncabledDevice: first('/api/dcim/interfaces/', { cabled: 'false', mgmt_only: 'false' }).then((row) => cleanName(nested(row?.device, 'name'))),
    prefix: first('/api/ipam/prefixes/', { family: 4, mask_length__gte: 16, mask_length__lte: 22 }).then((row) => cleanName(row?.prefix, 50)),
    ip: first('/api/ipam/ip-addresses/', { family: 4 }).then((row) => cleanName(typeof row?.address === 'string' ? row.address.split('/')[0] : undefined, 50)),
    changedDevice: first('/api/core/object-changes/', { changed_object_type: 'dcim.device' }).then((row) => cleanName(row?.object_repr)),
  } satisfies Record<keyof StarterFacts, Promise<string | undefined>>;
  const names = Object.keys(reads) as Array<keyof StarterFacts>;
  const settled = await Promise.allSettled(names.map((name) => reads[name]));
  const facts: Partial<Record<keyof StarterFacts, string>> = {};
  const failures: Record<string, string> = {};
  settled.forEach((result, index) => {
    const name = names[index] as keyof StarterFacts;
    if (result.status === 'fulfilled') {
      if (result.value) facts[name] = result.value;
    } else {
      failures[name] = errorCode(result.reason);
    }
  });
  return { facts, failures };
}

function nested(value: unknown, key: string): unknown {
  return value && typeof value === 'object' ? (value as Row)[key] : undefined;
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'UNKNOWN';
}
