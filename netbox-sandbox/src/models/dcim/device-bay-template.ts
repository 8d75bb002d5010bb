import { field } from '../field.ts';
import { templateModel } from './template-model.ts';

export const deviceBayTemplate = templateModel({
  key: 'dcim.devicebaytemplate',
  path: 'device-bay-templates',
  schemaName: 'DeviceBayTemplate',
  verboseName: 'device bay template',
  modular: false,
  // New in 4.6; bays are enabled unless disabled.
  fields: [field.boolean('enabled', { default: true })],
  brief: ['id', 'url', 'display', 'name', 'enabled', 'description'],
  ordering: ['device_type', 'name'],
});
