import type { ChoiceSet } from '../model-def.ts';

export const CUSTOM_FIELD_TYPE: ChoiceSet = [
  ['text', 'Text'],
  ['longtext', 'Text (long)'],
  ['integer', 'Integer'],
  ['decimal', 'Decimal'],
  ['boolean', 'Boolean (true/false)'],
  ['date', 'Date'],
  ['datetime', 'Date & time'],
  ['url', 'URL'],
  ['json', 'JSON'],
  ['select', 'Selection'],
  ['multiselect', 'Multiple selection'],
  ['object', 'Object'],
  ['multiobject', 'Multiple objects'],
];

export const CUSTOM_FIELD_FILTER_LOGIC: ChoiceSet = [
  ['disabled', 'Disabled'],
  ['loose', 'Loose'],
  ['exact', 'Exact'],
];

export const CUSTOM_FIELD_UI_VISIBLE: ChoiceSet = [
  ['always', 'Always'],
  ['if-set', 'If set'],
  ['hidden', 'Hidden'],
];

export const CUSTOM_FIELD_UI_EDITABLE: ChoiceSet = [
  ['yes', 'Yes'],
  ['no', 'No'],
  ['hidden', 'Hidden'],
];

export const CHOICE_SET_BASE_CHOICES: ChoiceSet = [
  ['IATA', 'IATA (Airport codes)'],
  ['ISO_3166', 'ISO 3166 (Country codes)'],
  ['UN_LOCODE', 'UN/LOCODE (Location codes)'],
];
