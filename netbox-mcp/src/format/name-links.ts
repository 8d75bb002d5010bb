/**
 * Names of the objects a result shows, each with its NetBox UI URL, so the chat UI can link those names where
 * the answer writes them. Only names that say which object they mean: a name two objects of one result share
 * (interfaces `em0` of two devices), and short or all-digit ones (`1`, `42`, VLAN ids), would link by guess.
 */
export class NameLinks {
  /** `null`: seen with two different URLs, so it names no one object. */
  readonly #urls = new Map<string, string | null>();

  add(name: unknown, url: string): this {
    const usable = usableName(name);
    if (usable === undefined) return this;
    const seen = this.#urls.get(usable);
    if (seen === undefined) this.#urls.set(usable, url);
    else if (seen !== null && seen !== url) this.#urls.set(usable, null);
    return this;
  }

  /** A NetBox row under the names people use for it: its display, name, and the address-like identities. */
  addRow(row: Readonly<Record<string, unknown>>, url: string): this {
    for (const field of ROW_NAME_FIELDS) this.add(row[field], url);
    return this;
  }

  /**
   * A nested (brief) object of a row, e.g. a device's `site`: named by its display or name, linked through the
   * path of its API `url` on this NetBox, so a proxy's other host in `url` never reaches the UI.
   */
  addNested(value: unknown, uiUrl: (apiPath: string) => string): this {
    if (typeof value !== 'object' || value === null) return this;
    const nested = value as Readonly<Record<string, unknown>>;
    const path = apiPath(nested.url);
    if (path === undefined) return this;
    const url = uiUrl(path);
    this.add(nested.display, url);
    this.add(nested.name, url);
    return this;
  }

  /** Every related object a row holds directly (a device's site, rack, role, type…), not lists of them. */
  addRelated(row: Readonly<Record<string, unknown>>, uiUrl: (apiPath: string) => string): this {
    for (const value of Object.values(row)) if (!Array.isArray(value)) this.addNested(value, uiUrl);
    return this;
  }

  /** The unambiguous names, or undefined when there are none (so the meta stays as small as before). */
  toRecord(): Record<string, string> | undefined {
    const out: Record<string, string> = {};
    for (const [name, url] of this.#urls) if (url !== null) out[name] = url;
    return Object.keys(out).length ? out : undefined;
  }
}

/** Fields a row is called by; `address`/`prefix`/`cid` for types whose display is that identity. */
const ROW_NAME_FIELDS = ['display', 'name', 'address', 'prefix', 'cid'];

const MIN_NAME_CHARS = 3;
const MAX_NAME_CHARS = 200;

function usableName(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const name = value.trim();
  if (name.length < MIN_NAME_CHARS || name.length > MAX_NAME_CHARS || /^\d+$/.test(name)) return undefined;
  return name;
}

function apiPath(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  try {
    const path = new URL(url).pathname;
    return /^\/api\/[\w-]+\/[\w-]+\/\d+\/$/.test(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/** `{ names }` to spread into ResultLinks, or nothing when no name is usable. */
export function namesPart(names: NameLinks): { names?: Record<string, string> } {
  const record = names.toRecord();
  return record ? { names: record } : {};
}
