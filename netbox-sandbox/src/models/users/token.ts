import type { Row } from '../../db/dataset.ts';
import { defineModel } from '../define-model.ts';
import { field } from '../field.ts';
import { filter } from '../filter.ts';
import type { ChoiceSet } from '../model-def.ts';

const TOKEN_VERSION: ChoiceSet = [
  ['1', 'v1'],
  ['2', 'v2'],
];

const TEXT_LOOKUPS_WITHOUT_EMPTY = ['n', 'ic', 'nic', 'ie', 'nie', 'isw', 'nisw', 'iew', 'niew', 'regex', 'iregex'];

/**
 * Before NetBox 4.5 a token's `key` column held the whole secret; such rows are v1 tokens whose secret must
 * stay hidden. From 4.5 on, v1 tokens keep the secret in `plaintext` and v2 tokens keep only a digest.
 */
function isLegacy(row: Row): boolean {
  return !('version' in row);
}

function version(row: Row): number {
  return isLegacy(row) ? 1 : Number(row.version);
}

function publicKey(row: Row): string | null {
  if (isLegacy(row) || version(row) !== 2) return null;
  return typeof row.key === 'string' ? row.key : null;
}

function v1Secret(row: Row): string {
  const secret = isLegacy(row) ? row.key : row.plaintext;
  return typeof secret === 'string' ? secret : '';
}

/** API tokens as NetBox 4.6 lists them: the v2 key (an identifier) but never a secret; `token` is only shown on creation. */
export const token = defineModel({
  key: 'users.token',
  path: 'tokens',
  table: 'users_token',
  schemaName: 'Token',
  fields: [
    field.id(),
    field.url(),
    field.displayUrl(),
    field.display(),
    field.computed('version', { type: 'integer', enum: [1, 2] }, version),
    field.computed('key', { type: 'string', nullable: true, readOnly: true }, publicKey, { nullable: true }),
    field.fk('user', 'users.user'),
    field.string('description'),
    field.datetime('created'),
    field.datetime('expires', { nullable: true }),
    field.datetime('last_used', { nullable: true }),
    field.computed('enabled', { type: 'boolean' }, (row) => row.enabled !== false),
    field.boolean('write_enabled'),
    field.integer('pepper_id', { nullable: true }),
    // The plaintext exists only in the response to the request that created the token; the schema types
    // the field as a string, so a stored token shows an empty one.
    field.computed('token', { type: 'string' }, () => ''),
  ],
  brief: ['id', 'url', 'display', 'version', 'key', 'enabled', 'write_enabled', 'description'],
  // Token.__str__: the key for v2, a masked secret for v1.
  display: (row) => publicKey(row) ?? (v1Secret(row) ? `**********************************${v1Secret(row).slice(-6)}` : ''),
  ordering: ['-created'],
  filters: [
    { ...filter.choice('version', TOKEN_VERSION, (row) => String(version(row))), lookups: TEXT_LOOKUPS_WITHOUT_EMPTY },
    filter.string('key', publicKey),
    filter.boolean('enabled', (row) => row.enabled !== false),
    { ...filter.datetime('created'), lookups: ['gte', 'lte'] },
    { ...filter.datetime('expires'), lookups: ['gte', 'lte'] },
    { ...filter.datetime('last_used'), lookups: ['gte', 'lte'] },
    filter.model('user_id', 'users.user', 'id', (row) => row.user_id),
    filter.model('user', 'users.user', 'username', (row) => row.user_id),
    filter.custom('q', (row, values, ctx) => {
      const q = (values[values.length - 1] ?? '').trim().toLowerCase();
      if (q === '') return true;
      const username = String(ctx.db.get('users_user', row.user_id)?.username ?? '');
      return username.toLowerCase().includes(q) || String(row.description ?? '').toLowerCase().includes(q);
    }),
  ],
  search: [],
});
