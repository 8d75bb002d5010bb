import { field } from '../field.ts';
import type { FieldDef } from '../model-def.ts';
import { treeDepth } from '../tree.ts';

/** `_depth` of an MPTT node (regions, site groups, locations, roles, platforms). */
export const depthField = (table: string): FieldDef =>
  field.computed('_depth', { type: 'integer', readOnly: true }, (row, ctx) => treeDepth(ctx.db, table, row));

/** NetBox's Nested<Tree>Serializer fields for a `parent`: no description, but `display_url` and `_depth`. */
export const NESTED_TREE_FIELDS = ['id', 'url', 'display_url', 'display', 'name', 'slug', '_depth'];
