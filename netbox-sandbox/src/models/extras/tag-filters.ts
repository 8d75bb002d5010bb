import type { Row } from '../../db/dataset.ts';
import { filter } from '../filter.ts';
import type { ApiContext, FilterDef, ModelKey } from '../model-def.ts';

/** `tag` / `tag_id` for models whose filterset has them though their serializer shows no `tags`. */
export function tagFilters(key: ModelKey): FilterDef[] {
  const tagIds = (row: Row, ctx: ApiContext): readonly number[] => ctx.db.tagIds(key, row.id);
  return [
    filter.model('tag', 'extras.tag', 'slug', tagIds, { conjoined: true }),
    filter.model('tag_id', 'extras.tag', 'id', tagIds, { conjoined: true }),
  ];
}
