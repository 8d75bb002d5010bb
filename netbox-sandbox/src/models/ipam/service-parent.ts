import type { Row } from '../../db/dataset.ts';
import type { ApiContext } from '../model-def.ts';

export interface ServiceParent {
  readonly type: string | undefined;
  readonly id: number | null;
}

/**
 * A service's parent object. NetBox 4.3 replaced the `device`/`virtual_machine` columns with a generic
 * `parent_object`; older dumps still have the two columns.
 */
export function serviceParent(row: Row, ctx: ApiContext): ServiceParent {
  if ('parent_object_type_id' in row) {
    const id = row.parent_object_id;
    return { type: ctx.db.contentTypeKey(row.parent_object_type_id), id: id === null || id === undefined ? null : Number(id) };
  }
  if (row.device_id !== null && row.device_id !== undefined) return { type: 'dcim.device', id: Number(row.device_id) };
  if (row.virtual_machine_id !== null && row.virtual_machine_id !== undefined) {
    return { type: 'virtualization.virtualmachine', id: Number(row.virtual_machine_id) };
  }
  return { type: undefined, id: null };
}

/** Service.port_list: ports as ranges, `22` or `80-81, 443`. */
export function portList(ports: unknown): string {
  const sorted = (Array.isArray(ports) ? ports.map(Number) : []).sort((a, b) => a - b);
  const groups: string[] = [];
  let start: number | undefined;
  let prev: number | undefined;
  const flush = (): void => {
    if (start !== undefined && prev !== undefined) groups.push(start === prev ? String(start) : `${start}-${prev}`);
  };
  for (const port of sorted) {
    if (prev !== undefined && port === prev + 1) {
      prev = port;
      continue;
    }
    flush();
    start = port;
    prev = port;
  }
  flush();
  return groups.join(', ');
}
