import { requestFilters } from '../core/request-filters.ts';
import { defineModel } from '../define-model.ts';
import { field, headFields, tailFields } from '../field.ts';
import { contactFilters } from '../tenancy/contact-filters.ts';
import { ownerFilters } from '../users/owner-filters.ts';

export const clusterGroup = defineModel({
  key: 'virtualization.clustergroup',
  path: 'cluster-groups',
  table: 'virtualization_clustergroup',
  schemaName: 'ClusterGroup',
  verboseName: 'cluster group',
  fields: [
    ...headFields(),
    field.string('name'),
    field.string('slug'),
    field.string('description'),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    ...tailFields(),
    field.count('cluster_count', 'virtualization_cluster', 'group_id'),
  ],
  brief: ['id', 'url', 'display', 'name', 'slug', 'description', 'cluster_count'],
  filters: [...contactFilters('virtualization.clustergroup'), ...ownerFilters(), ...requestFilters('virtualization.clustergroup')],
  search: ['name', 'slug', 'description'],
});
