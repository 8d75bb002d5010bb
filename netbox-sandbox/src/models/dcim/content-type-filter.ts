import { filter } from '../filter.ts';
import type { FilterDef } from '../model-def.ts';

/**
 * NetBox's ContentTypeFilter: `app_label.model`; a value that names no type matches nothing rather than
 * failing.
 */
export function contentTypeFilter(name: string, column: string): FilterDef {
  return filter.custom(
    name,
    (row, values, ctx) => values.some((v) => ctx.db.contentTypeKey(row[column]) === v.trim().toLowerCase()),
    { lookups: ['n'] },
  );
}
