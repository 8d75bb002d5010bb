import type { ChoiceSet } from '../model-def.ts';

export const OBJECT_CHANGE_ACTION: ChoiceSet = [
  ['create', 'Created'],
  ['update', 'Updated'],
  ['delete', 'Deleted'],
];

export const DATA_SOURCE_TYPE: ChoiceSet = [
  ['local', 'Local'],
  ['git', 'Git'],
  ['amazon-s3', 'Amazon S3'],
];

export const DATA_SOURCE_STATUS: ChoiceSet = [
  ['new', 'New'],
  ['queued', 'Queued'],
  ['syncing', 'Syncing'],
  ['completed', 'Completed'],
  ['failed', 'Failed'],
];
