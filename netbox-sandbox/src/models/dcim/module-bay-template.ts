import { field } from '../field.ts';
import { templateModel } from './template-model.ts';

export const moduleBayTemplate = templateModel({
  key: 'dcim.modulebaytemplate',
  path: 'module-bay-templates',
  schemaName: 'ModuleBayTemplate',
  verboseName: 'module bay template',
  fields: [field.string('position'), field.boolean('enabled', { default: true })],
  brief: ['id', 'url', 'display', 'name', 'enabled', 'description'],
});
