import type { Row } from '../db/dataset.ts';
import type { ApiContext, ModelDef, ModelKey } from '../models/model-def.ts';
import { naturalKey } from '../models/natural-order.ts';

type SortKey = (row: Row) => unknown;

const collator = new Intl.Collator('en', { numeric: false, sensitivity: 'base' });

function compareValues(a: unknown, b: unknown): number {
  // PostgreSQL sorts NULLs last in ascending order.
  const aNull = a === null || a === undefined;
  const bNull = b === null || b === undefined;
  if (aNull || bNull) return aNull === bNull ? 0 : aNull ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return collator.compare(String(a), String(b)) || (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0);
}

/** How a term of `ordering` reads a row: by API field where the model has one, else by column. */
function sortKey(model: ModelDef, ctx: ApiContext, term: string): SortKey | undefined {
  const own = model.sortKeys?.[term];
  if (own) return (row) => own(row, ctx);
  const f = model.fields.find((x) => x.name === term);
  if (f?.kind === 'id') return (row) => Number(row.id);
  if (f && (f.kind === 'value' || f.kind === 'choice')) return (row) => row[f.column];
  if (f?.kind === 'fk') {
    // A relation orders by the related object; names NetBox keeps in natural order stay in it here.
    const natural = namesSortNaturally(ctx, f.target);
    return (row) => {
      const display = ctx.nested(f.target, row[f.column] as number | null)?.display ?? null;
      return natural ? naturalKey(display) : display;
    };
  }
  if (f?.kind === 'count') return (row) => f.compute(row, ctx);
  // Meta.ordering names columns, natural-sort ones (`_name`) among them; data without them falls back.
  return (row) => (term in row ? row[term] : row[term.replace(/^_/, '')]);
}

function namesSortNaturally(ctx: ApiContext, key: ModelKey): boolean {
  try {
    return ctx.model(key).sortKeys?.name !== undefined;
  } catch {
    return false;
  }
}

const cache = new WeakMap<readonly Row[], Map<string, Row[]>>();

/**
 * The rows in the order a query asks for (`ordering=-name,site`), or the model's default ordering. Filtering
 * keeps order, so the sorted table is cached and filtered afterwards.
 */
export function orderRows(model: ModelDef, rows: readonly Row[], ordering: string | undefined, ctx: ApiContext): readonly Row[] {
  const requested = (ordering ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '' && model.fields.some((f) => f.name === t.replace(/^-/, '')));
  const terms = requested.length > 0 ? [...requested, 'id'] : [...model.ordering, 'id'];
  const cacheKey = terms.join(',');
  let perTable = cache.get(rows);
  const hit = perTable?.get(cacheKey);
  if (hit) return hit;
  const keys = terms.flatMap((t) => {
    const key = sortKey(model, ctx, t.replace(/^-/, ''));
    return key ? [{ key, desc: t.startsWith('-') }] : [];
  });
  const sorted = [...rows].sort((a, b) => {
    for (const { key, desc } of keys) {
      const c = compareValues(key(a), key(b));
      if (c !== 0) return desc ? -c : c;
    }
    return 0;
  });
  if (!perTable) {
    perTable = new Map();
    cache.set(rows, perTable);
  }
  perTable.set(cacheKey, sorted);
  return sorted;
}
