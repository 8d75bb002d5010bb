import type { ChoiceSet } from '../model-def.ts';

export const CLUSTER_STATUS: ChoiceSet = [
  ['planned', 'Planned'],
  ['staging', 'Staging'],
  ['active', 'Active'],
  ['decommissioning', 'Decommissioning'],
  ['offline', 'Offline'],
];

export const VIRTUAL_MACHINE_STATUS: ChoiceSet = [
  ['offline', 'Offline'],
  ['active', 'Active'],
  ['planned', 'Planned'],
  ['staged', 'Staged'],
  ['failed', 'Failed'],
  ['decommissioning', 'Decommissioning'],
  ['paused', 'Paused'],
];

export const VIRTUAL_MACHINE_START_ON_BOOT: ChoiceSet = [
  ['on', 'On'],
  ['off', 'Off'],
  ['laststate', 'Last State'],
];
