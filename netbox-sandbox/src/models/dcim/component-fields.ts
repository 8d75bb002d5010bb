import type { Row } from '../../db/dataset.ts';
import { field, headFields } from '../field.ts';
import type { FieldDef } from '../model-def.ts';

/** Components show their module with `ModuleSerializer(nested=True, fields=(…))`, not the module's brief fields. */
export const COMPONENT_MODULE_FIELDS = ['id', 'url', 'display', 'device', 'module_bay'];

/** ComponentModel.__str__: the name, with the label in brackets where there is one. */
export const componentDisplay = (row: Row): string =>
  row.label ? `${String(row.name)} (${String(row.label)})` : String(row.name);

export const deviceField = (): FieldDef => field.fk('device', 'dcim.device');
export const moduleField = (): FieldDef => field.fk('module', 'dcim.module', { nullable: true, nested: COMPONENT_MODULE_FIELDS });

/** `id`…`display`, `device`, `module`: how every modular device component starts. */
export function componentHead(): FieldDef[] {
  return [...headFields(), deviceField(), moduleField()];
}

/** `owner`, `tags`, `custom_fields`, `created`, `last_updated` as 4.6 components end (owner before the tags). */
export function componentTail(): FieldDef[] {
  return [
    field.fk('owner', 'users.owner', { nullable: true }),
    field.tags(),
    field.customFields(),
    field.datetime('created', { nullable: true }),
    field.datetime('last_updated', { nullable: true }),
  ];
}

export const COMPONENT_BRIEF = ['id', 'url', 'display', 'device', 'name', 'description', 'cable', '_occupied'];
export const COMPONENT_SEARCH = ['name', 'label', 'description'];
