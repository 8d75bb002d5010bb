import { defineModel } from '../define-model.ts';
import { field, headFields, tailFields } from '../field.ts';
import { filter } from '../filter.ts';
import { ownerFilters } from './common-filters.ts';
import { cumulativeCount } from './counters.ts';
import { depthField } from './tree-fields.ts';

/** NestedDeviceRoleSerializer: roles nest as parents without slug or depth. */
const NESTED_ROLE = ['id', 'url', 'display_url', 'display', 'name'];

export const deviceRole = defineModel({
  key: 'dcim.devicerole',
  path: 'device-roles',
  table: 'dcim_devicerole',
  schemaName: 'DeviceRole',
  verboseName: 'device role',
  fields: [
    ...headFields(),
    field.string('name'),
    field.string('slug'),
    field.string('color'),
    field.boolean('vm_role'),
    field.fk('config_template', 'extras.configtemplate', { nullable: true }),
    // Roles became a tree in 4.6.
    field.fk('parent', 'dcim.devicerole', { nullable: true, nested: NESTED_ROLE }),
    field.string('description'),
    ...tailFields(),
    field.countBy('device_count', cumulativeCount('dcim_devicerole', 'dcim_device', 'role_id')),
    field.countBy('virtualmachine_count', cumulativeCount('dcim_devicerole', 'virtualization_virtualmachine', 'role_id')),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    depthField('dcim_devicerole'),
  ],
  brief: ['id', 'url', 'display', 'name', 'slug', 'description', 'device_count', 'virtualmachine_count', '_depth'],
  ordering: ['tree_id', 'lft', 'name'],
  filters: [
    filter.model('parent', 'dcim.devicerole', 'slug', (row) => row.parent_id),
    filter.model('parent_id', 'dcim.devicerole', 'id', (row) => row.parent_id),
    filter.model('ancestor', 'dcim.devicerole', 'slug', (row) => row.parent_id, { tree: true }),
    filter.model('ancestor_id', 'dcim.devicerole', 'id', (row) => row.parent_id, { tree: true }),
    ...ownerFilters(),
  ],
  search: ['name', 'slug', 'description'],
});
