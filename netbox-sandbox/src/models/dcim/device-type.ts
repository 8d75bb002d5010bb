import { DEVICE_AIRFLOW, SUBDEVICE_ROLE, WEIGHT_UNIT } from '../choices/dcim-choices.ts';
import { defineModel } from '../define-model.ts';
import { field, headFields, tailFields } from '../field.ts';
import { filter } from '../filter.ts';
import { ownerFilters, searchFilter } from './common-filters.ts';
import { counterField, counterFilter, hasFilter } from './counters.ts';
import { imageField } from './media.ts';
import { hop } from './related.ts';

/** `<name>_template_count` counter columns and the template tables they count. */
const TEMPLATE_COUNTERS = [
  ['console_port_template_count', 'dcim_consoleporttemplate'],
  ['console_server_port_template_count', 'dcim_consoleserverporttemplate'],
  ['power_port_template_count', 'dcim_powerporttemplate'],
  ['power_outlet_template_count', 'dcim_poweroutlettemplate'],
  ['interface_template_count', 'dcim_interfacetemplate'],
  ['front_port_template_count', 'dcim_frontporttemplate'],
  ['rear_port_template_count', 'dcim_rearporttemplate'],
  ['device_bay_template_count', 'dcim_devicebaytemplate'],
  ['module_bay_template_count', 'dcim_modulebaytemplate'],
  ['inventory_item_template_count', 'dcim_inventoryitemtemplate'],
] as const;

/** `console_ports=true` and friends: the type has templates of that kind. */
const TEMPLATE_FLAGS = [
  ['console_ports', ['dcim_consoleporttemplate']],
  ['console_server_ports', ['dcim_consoleserverporttemplate']],
  ['power_ports', ['dcim_powerporttemplate']],
  ['power_outlets', ['dcim_poweroutlettemplate']],
  ['interfaces', ['dcim_interfacetemplate']],
  ['pass_through_ports', ['dcim_frontporttemplate', 'dcim_rearporttemplate']],
  ['module_bays', ['dcim_modulebaytemplate']],
  ['device_bays', ['dcim_devicebaytemplate']],
  ['inventory_items', ['dcim_inventoryitemtemplate']],
] as const;

export const deviceType = defineModel({
  key: 'dcim.devicetype',
  path: 'device-types',
  table: 'dcim_devicetype',
  schemaName: 'DeviceType',
  verboseName: 'device type',
  fields: [
    ...headFields(),
    field.fk('manufacturer', 'dcim.manufacturer'),
    field.fk('default_platform', 'dcim.platform', { nullable: true }),
    field.string('model'),
    field.string('slug'),
    field.string('part_number'),
    field.number('u_height'),
    field.boolean('exclude_from_utilization'),
    field.boolean('is_full_depth'),
    field.choice('subdevice_role', SUBDEVICE_ROLE, { nullable: true }),
    field.choice('airflow', DEVICE_AIRFLOW, { nullable: true }),
    field.number('weight', { nullable: true }),
    field.choice('weight_unit', WEIGHT_UNIT, { nullable: true }),
    imageField('front_image'),
    imageField('rear_image'),
    field.string('description'),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    ...tailFields(),
    field.count('device_count', 'dcim_device', 'device_type_id'),
    ...TEMPLATE_COUNTERS.map(([name, table]) => counterField(name, table, 'device_type_id')),
  ],
  brief: ['id', 'url', 'display', 'manufacturer', 'model', 'slug', 'description', 'device_count'],
  display: (row) => String(row.model),
  ordering: ['manufacturer', 'model'],
  filters: [
    filter.number('device_count', (row, ctx) => ctx.db.where('dcim_device', 'device_type_id', row.id).length),
    ...TEMPLATE_COUNTERS.map(([name, table]) => counterFilter(name, table, 'device_type_id')),
    ...TEMPLATE_FLAGS.map(([name, tables]) => hasFilter(name, tables, 'device_type_id')),
    filter.flag('has_front_image', (row) => Boolean(row.front_image), 'Has a front image'),
    filter.flag('has_rear_image', (row) => Boolean(row.rear_image), 'Has a rear image'),
    ...ownerFilters(),
    searchFilter((row, ctx) => [
      hop(ctx, 'dcim_manufacturer', row.manufacturer_id)?.name,
      row.model,
      row.part_number,
      row.description,
      row.comments,
    ]),
  ],
  search: ['model', 'part_number', 'description', 'comments'],
});
