import type { Catalog } from '../schema/catalog.ts';
import type { ObjectType } from '../schema/object-type.ts';

export interface Reference {
  readonly type: ObjectType;
  /** The `<base>_id` filter that selects objects referring to the target: `site_id`, `tag_id`. */
  readonly filter: string;
}

/** Logs of what happened to an object rather than objects that use it. */
const NOT_REFERENCES = new Set(['core.objectchange', 'extras.objectchange', 'extras.journalentry', 'core.job', 'extras.notification', 'extras.subscription', 'extras.bookmark']);

/**
 * Objects that belong to a device or VM (components; a virtual chassis through its master): their site, rack
 * and tenant filters go through that device, so counting them would count the device again.
 */
const OWNER_FIELDS = ['device', 'virtual_machine', 'master'];
/** Groupings above a site that owners reach through their site. */
const GROUPINGS = new Set(['region', 'site_group', 'tenant_group', 'location']);

/**
 * Every (type, filter) whose filter names the target's type, found from the instance's own schema. A type's
 * filter on its own type (a location's `parent_id`) and change logs are left out; so are device and VM
 * components reached only through their owner, unless `only` names them.
 */
export function referenceFilters(catalog: Catalog, target: ObjectType, only?: ReadonlySet<string>): { refs: Reference[]; skipped: string[] } {
  const out: Reference[] = [];
  const skipped = new Set<string>();
  for (const type of catalog.types) {
    if (only ? !only.has(type.key) : type.key === target.key || NOT_REFERENCES.has(type.key)) continue;
    if (target.key === 'extras.tag') {
      if (type.filters.has('tag_id')) out.push({ type, filter: 'tag_id' });
      continue;
    }
    for (const name of type.filters.keys()) {
      if (!name.endsWith('_id') || name.includes('__')) continue;
      const base = name.slice(0, -3);
      if (catalog.filterTarget(type, base)?.key !== target.key) continue;
      if (!only && viaOwner(catalog, type, base)) {
        skipped.add(type.key);
        continue;
      }
      out.push({ type, filter: name });
    }
  }
  return { refs: out, skipped: [...skipped] };
}

/** A component's filter that only repeats its device's or VM's own relation (an interface's `site_id`). */
function viaOwner(catalog: Catalog, type: ObjectType, base: string): boolean {
  if (type.fields.has(base)) return false;
  return OWNER_FIELDS.some((owner) => {
    const field = type.fields.get(owner);
    if (field?.kind !== 'fk' || base === owner) return false;
    const ownerType = field.target ? catalog.find(field.target) : undefined;
    return GROUPINGS.has(base) || (ownerType?.fields.has(base) ?? false);
  });
}
