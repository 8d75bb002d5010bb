import { requestFilters } from '../core/request-filters.ts';
import { defineModel } from '../define-model.ts';
import { field, headFields, tailFields } from '../field.ts';
import { ownerFilters } from '../users/owner-filters.ts';

export const clusterType = defineModel({
  key: 'virtualization.clustertype',
  path: 'cluster-types',
  table: 'virtualization_clustertype',
  schemaName: 'ClusterType',
  verboseName: 'cluster type',
  fields: [
    ...headFields(),
    field.string('name'),
    field.string('slug'),
    field.string('description'),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    ...tailFields(),
    field.count('cluster_count', 'virtualization_cluster', 'type_id'),
  ],
  brief: ['id', 'url', 'display', 'name', 'slug', 'description', 'cluster_count'],
  filters: [...ownerFilters(), ...requestFilters('virtualization.clustertype')],
  search: ['name', 'slug', 'description'],
});
