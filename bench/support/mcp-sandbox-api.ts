export type ApiParam = string | number | boolean | readonly (string | number)[] | undefined;
export type ApiParams = Readonly<Record<string, ApiParam>>;

export interface ApiPage<T = Record<string, unknown>> {
  readonly count: number;
  readonly next: string | null;
  readonly results: T[];
}

/**
 * Plain GETs to the sandbox's REST API, the way a Python `requests` client sends them (lists as repeated
 * keys, booleans as `True`/`False`), counting requests and response bytes.
 */
export class SandboxApi {
  calls = 0;
  bytes = 0;

  readonly url: string;
  readonly authorization: string;

  constructor(
    url: string,
    authorization: string,
  ) {
    this.url = url;
    this.authorization = authorization;
  }

  async get<T>(path: string, params: ApiParams = {}): Promise<T> {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) {
      if (value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value]) query.append(key, typeof v === 'boolean' ? (v ? 'True' : 'False') : String(v));
    }
    const qs = query.toString();
    const res = await fetch(`${this.url}${path}${qs ? `?${qs}` : ''}`, { headers: { authorization: this.authorization, accept: 'application/json' } });
    const body = await res.text();
    this.calls += 1;
    this.bytes += Buffer.byteLength(body);
    if (!res.ok) throw new Error(`sandbox answered ${res.status} for ${path}?${qs}: ${body.slice(0, 200)}`);
    return JSON.parse(body) as T;
  }

  /** Every row of a list, in pages of 1000 (NetBox's largest), for deriving expected answers. */
  async all<T = Record<string, unknown>>(path: string, params: ApiParams = {}): Promise<T[]> {
    const rows: T[] = [];
    for (let offset = 0; ; offset += 1000) {
      const page = await this.get<ApiPage<T>>(path, { ...params, limit: 1000, offset });
      rows.push(...page.results);
      if (!page.next || page.results.length === 0) return rows;
    }
  }
}

/** The `name` of a nested object NetBox returns (`{id, url, display, name…}`), or its display. */
export function nameOf(value: unknown): string {
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return String(o.name ?? o.display ?? o.model ?? o.address ?? o.prefix ?? '');
  }
  return value === null || value === undefined ? '' : String(value);
}
