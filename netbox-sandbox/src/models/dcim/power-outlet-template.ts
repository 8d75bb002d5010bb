import { POWER_OUTLET_FEED_LEG, POWER_OUTLET_TYPE } from '../choices/dcim-choices.ts';
import { field } from '../field.ts';
import { templateModel } from './template-model.ts';

export const powerOutletTemplate = templateModel({
  key: 'dcim.poweroutlettemplate',
  path: 'power-outlet-templates',
  schemaName: 'PowerOutletTemplate',
  verboseName: 'power outlet template',
  fields: [
    field.choice('type', POWER_OUTLET_TYPE, { nullable: true }),
    field.string('color'),
    field.fk('power_port', 'dcim.powerporttemplate', { nullable: true }),
    field.choice('feed_leg', POWER_OUTLET_FEED_LEG, { nullable: true }),
  ],
});
