import type { ChoiceSet } from '../model-def.ts';

export const CIRCUIT_STATUS: ChoiceSet = [
  ['planned', 'Planned'],
  ['provisioning', 'Provisioning'],
  ['active', 'Active'],
  ['offline', 'Offline'],
  ['deprovisioning', 'Deprovisioning'],
  ['decommissioned', 'Decommissioned'],
];

export const CIRCUIT_DISTANCE_UNIT: ChoiceSet = [
  ['km', 'Kilometers'],
  ['m', 'Meters'],
  ['mi', 'Miles'],
  ['ft', 'Feet'],
];

export const CIRCUIT_TERMINATION_SIDE: ChoiceSet = [
  ['A', 'A'],
  ['Z', 'Z'],
];
