import { INTERFACE_POE_MODE, INTERFACE_POE_TYPE, INTERFACE_TYPE, WIRELESS_ROLE } from '../choices/dcim-choices.ts';
import { field } from '../field.ts';
import { templateModel } from './template-model.ts';

export const interfaceTemplate = templateModel({
  key: 'dcim.interfacetemplate',
  path: 'interface-templates',
  schemaName: 'InterfaceTemplate',
  verboseName: 'interface template',
  fields: [field.choice('type', INTERFACE_TYPE), field.boolean('enabled'), field.boolean('mgmt_only')],
  after: [
    // NestedInterfaceTemplateSerializer.
    field.fk('bridge', 'dcim.interfacetemplate', { nullable: true, nested: ['id', 'url', 'display', 'name'] }),
    field.choice('poe_mode', INTERFACE_POE_MODE, { nullable: true }),
    field.choice('poe_type', INTERFACE_POE_TYPE, { nullable: true }),
    field.choice('rf_role', WIRELESS_ROLE, { nullable: true }),
  ],
  ordering: ['device_type', 'module_type', '_name'],
});
