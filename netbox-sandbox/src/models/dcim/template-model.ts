import type { Row } from '../../db/dataset.ts';
import { defineModel } from '../define-model.ts';
import { field } from '../field.ts';
import { filter } from '../filter.ts';
import type { FieldDef, FilterDef, ModelDef, ModelKey } from '../model-def.ts';
import { componentDisplay } from './component-fields.ts';
import { NATURAL_NAME } from '../natural-order.ts';

interface TemplateSpec {
  readonly key: ModelKey;
  readonly path: string;
  readonly schemaName: string;
  readonly verboseName: string;
  /** Fields between `name`/`label` and `description` (or after it, see `after`). */
  readonly fields: readonly FieldDef[];
  /** Fields after `description` (InterfaceTemplate's bridge and PoE, InventoryItemTemplate's component). */
  readonly after?: readonly FieldDef[];
  /** Device bay templates belong to device types only. */
  readonly modular?: boolean;
  readonly brief?: readonly string[];
  readonly filters?: readonly FilterDef[];
  readonly search?: readonly string[];
  readonly ordering?: readonly string[];
  readonly tail?: readonly FieldDef[];
}

/**
 * Device type component templates: no tags, custom fields or display_url; filtered by device type and
 * (most) module type id.
 */
export function templateModel(spec: TemplateSpec): ModelDef {
  const modular = spec.modular ?? true;
  return defineModel({
    key: spec.key,
    path: spec.path,
    table: spec.key.replace('.', '_'),
    schemaName: spec.schemaName,
    verboseName: spec.verboseName,
    fields: [
      field.id(),
      field.url(),
      field.display(),
      field.fk('device_type', 'dcim.devicetype', { nullable: modular }),
      ...(modular ? [field.fk('module_type', 'dcim.moduletype', { nullable: true })] : []),
      field.string('name'),
      field.string('label'),
      ...spec.fields,
      field.string('description'),
      ...(spec.after ?? []),
      field.datetime('created', { nullable: true }),
      field.datetime('last_updated', { nullable: true }),
      ...(spec.tail ?? []),
    ],
    brief: spec.brief ?? ['id', 'url', 'display', 'name', 'description'],
    display: (row: Row) => componentDisplay(row),
    ordering: spec.ordering ?? ['device_type', 'module_type', 'name'],
    sortKeys: NATURAL_NAME,
    filters: [
      filter.model('device_type_id', 'dcim.devicetype', 'id', (row) => row.device_type_id),
      ...(modular ? [filter.model('module_type_id', 'dcim.moduletype', 'id', (row) => row.module_type_id)] : []),
      ...(spec.filters ?? []),
    ],
    noFilters: ['device_type', 'module_type'],
    search: spec.search ?? ['name', 'description'],
  });
}
