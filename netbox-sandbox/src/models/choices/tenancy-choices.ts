import type { ChoiceSet } from '../model-def.ts';

export const CONTACT_PRIORITY: ChoiceSet = [
  ['primary', 'Primary'],
  ['secondary', 'Secondary'],
  ['tertiary', 'Tertiary'],
  ['inactive', 'Inactive'],
];
