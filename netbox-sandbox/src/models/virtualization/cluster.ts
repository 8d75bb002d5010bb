import type { Row } from '../../db/dataset.ts';
import { CLUSTER_STATUS } from '../choices/virtualization-choices.ts';
import { requestFilters } from '../core/request-filters.ts';
import { defineModel } from '../define-model.ts';
import { field, headFields, tailFields } from '../field.ts';
import type { ApiContext } from '../model-def.ts';
import { scopedFilters } from '../ipam/scoped-filters.ts';
import { contactFilters } from '../tenancy/contact-filters.ts';
import { tenancyFilters } from '../tenancy/tenancy-filters.ts';
import { ownerFilters } from '../users/owner-filters.ts';
import { NATURAL_NAME } from '../natural-order.ts';

/**
 * The API annotates `Sum()` over the cluster's VMs: null when no VM has a value (SQL SUM of nothing),
 * whatever the schema says.
 */
function allocated(column: string) {
  return (row: Row, ctx: ApiContext): number | null => {
    const values = ctx.db
      .where('virtualization_virtualmachine', 'cluster_id', row.id)
      .map((vm) => vm[column])
      .filter((v): v is number => typeof v === 'number');
    return values.length === 0 ? null : values.reduce((a, b) => a + b, 0);
  };
}

export const cluster = defineModel({
  key: 'virtualization.cluster',
  path: 'clusters',
  table: 'virtualization_cluster',
  schemaName: 'Cluster',
  fields: [
    ...headFields(),
    field.string('name'),
    field.fk('type', 'virtualization.clustertype'),
    field.fk('group', 'virtualization.clustergroup', { nullable: true }),
    field.choice('status', CLUSTER_STATUS),
    field.fk('tenant', 'tenancy.tenant', { nullable: true }),
    field.objectType('scope_type', 'scope_type_id', { nullable: true }),
    field.integer('scope_id', { nullable: true }),
    field.generic('scope', 'scope_type_id', 'scope_id'),
    field.string('description'),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    ...tailFields(),
    field.count('device_count', 'dcim_device', 'cluster_id'),
    field.count('virtualmachine_count', 'virtualization_virtualmachine', 'cluster_id'),
    field.computed('allocated_vcpus', { type: 'number', readOnly: true }, allocated('vcpus'), { nullable: true }),
    field.computed('allocated_memory', { type: 'integer', readOnly: true }, allocated('memory'), { nullable: true }),
    field.computed('allocated_disk', { type: 'integer', readOnly: true }, allocated('disk'), { nullable: true }),
  ],
  brief: ['id', 'url', 'display', 'name', 'description', 'virtualmachine_count'],
  sortKeys: NATURAL_NAME,
  filters: [
    ...scopedFilters(),
    ...tenancyFilters(),
    ...contactFilters('virtualization.cluster'),
    ...ownerFilters(),
    ...requestFilters('virtualization.cluster'),
  ],
  search: ['name', 'description', 'comments'],
});
