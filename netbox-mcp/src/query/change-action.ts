import { NetboxMcpError } from '../errors.ts';

/** The values NetBox's ObjectChange `action` takes (ObjectChangeActionChoices). */
export const CHANGE_ACTIONS = ['create', 'update', 'delete'] as const;
export type ChangeAction = (typeof CHANGE_ACTIONS)[number];

/** Words people and models use for each action; NetBox itself answers 400 to anything but the three values. */
const SYNONYMS: Readonly<Record<string, ChangeAction>> = {
  create: 'create', created: 'create', creates: 'create', creation: 'create', add: 'create', added: 'create', adds: 'create', new: 'create', insert: 'create', inserted: 'create',
  update: 'update', updated: 'update', updates: 'update', change: 'update', changed: 'update', modify: 'update', modified: 'update', edit: 'update', edited: 'update',
  delete: 'delete', deleted: 'delete', deletes: 'delete', deletion: 'delete', remove: 'delete', removed: 'delete', removes: 'delete', destroy: 'delete', destroyed: 'delete',
};

/** `"created, removed"` → `['create', 'delete']`; anything unknown is an error naming the valid values. */
export function normalizeActions(input: string): ChangeAction[] {
  const words = input
    .split(/[,|\s]+/)
    .map((w) => w.trim().toLowerCase())
    .filter(Boolean);
  if (words.length === 0) throw invalid(input);
  const actions = new Set<ChangeAction>();
  for (const word of words) {
    const action = SYNONYMS[word];
    if (!action) throw invalid(word);
    actions.add(action);
  }
  return [...actions];
}

function invalid(word: string): NetboxMcpError {
  return new NetboxMcpError('INVALID_ARGUMENT', `action '${word}' is not a change action; valid values: ${CHANGE_ACTIONS.join(', ')}.`, {
    hint: 'NetBox records create, update and delete; several may be given as "create,delete".',
  });
}
