import type { Row } from '../../db/dataset.ts';
import { field } from '../field.ts';
import type { ApiContext, FieldDef } from '../model-def.ts';

/** An ImageField: the file's absolute URL under MEDIA_URL, or null without a file. */
export const imageField = (name: string): FieldDef =>
  field.computed(
    name,
    { type: 'string', format: 'uri', nullable: true },
    (row: Row, ctx: ApiContext) => (row[name] ? `${ctx.baseUrl}/media/${String(row[name])}` : null),
    { nullable: true },
  );
