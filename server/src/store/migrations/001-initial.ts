import { MESSAGE_STATUSES } from '@netbox-chatbox/protocol';
import type { Migration } from './migration.ts';

const statuses = MESSAGE_STATUSES.map((status) => `'${status}'`).join(', ');

/**
 * The first schema. Every query that reads a user's data joins through conversations.user_id (or
 * sessions/credentials.user_id), so no row is reachable without its owner.
 *
 * Opaque blobs that are written often and never queried inside (chat events, SDK transcript entries, SDK
 * summaries) are `json`: it keeps the text as sent, accepts any JSON string (jsonb rejects \u0000) and costs
 * no conversion.
 */
export const migration001: Migration = {
  version: 1,
  name: 'initial',
  statements: [
    `CREATE TABLE users (
      id uuid PRIMARY KEY,
      netbox_url text NOT NULL,
      username text NOT NULL,
      display_name text,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_sign_in_at timestamptz,
      UNIQUE (netbox_url, username)
    )`,
    // One row per sign-in: each browser session has its own token, so signing out of one revokes only that one.
    `CREATE TABLE netbox_credentials (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      token_kind text NOT NULL CHECK (token_kind IN ('v1', 'v2')),
      token_ciphertext text NOT NULL,
      provisioned_token_id bigint,
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE INDEX netbox_credentials_user_idx ON netbox_credentials (user_id)`,
    // The cookie value is never stored, only its SHA-256: a copy of the table opens no session.
    `CREATE TABLE sessions (
      id_hash text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      credential_id uuid REFERENCES netbox_credentials (id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz
    )`,
    `CREATE INDEX sessions_user_idx ON sessions (user_id)`,
    `CREATE INDEX sessions_expires_idx ON sessions (expires_at)`,
    `CREATE TABLE conversations (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      title text NOT NULL,
      sdk_session_id text,
      last_seq bigint NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE INDEX conversations_user_updated_idx ON conversations (user_id, updated_at DESC, id DESC)`,
    // ord: insertion order within a conversation; timestamps of a question and its answer can be equal.
    `CREATE TABLE messages (
      id uuid PRIMARY KEY,
      conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
      ord bigserial NOT NULL,
      turn_id text NOT NULL,
      role text NOT NULL CHECK (role IN ('user', 'assistant')),
      content text NOT NULL DEFAULT '',
      tool_calls jsonb NOT NULL DEFAULT '[]',
      usage jsonb,
      cost_usd double precision,
      duration_ms double precision,
      error jsonb,
      status text NOT NULL CHECK (status IN (${statuses})),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (conversation_id, turn_id, role)
    )`,
    `CREATE INDEX messages_conversation_idx ON messages (conversation_id, ord)`,
    `CREATE TABLE chat_events (
      conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
      seq bigint NOT NULL,
      turn_id text,
      event json NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (conversation_id, seq)
    )`,
    `CREATE INDEX chat_events_created_idx ON chat_events (created_at)`,
    // Keyed by session id alone (see sdk-session-store.ts); id keeps append order.
    `CREATE TABLE sdk_transcripts (
      id bigserial PRIMARY KEY,
      session_id text NOT NULL,
      subpath text NOT NULL DEFAULT '',
      project_key text NOT NULL,
      uuid text,
      entry json NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE INDEX sdk_transcripts_session_idx ON sdk_transcripts (session_id, subpath, id)`,
    `CREATE UNIQUE INDEX sdk_transcripts_uuid_idx ON sdk_transcripts (session_id, subpath, uuid) WHERE uuid IS NOT NULL`,
    `CREATE TABLE sdk_sessions (
      session_id text PRIMARY KEY,
      project_key text NOT NULL,
      mtime bigint NOT NULL,
      summary json
    )`,
    `CREATE INDEX sdk_sessions_project_idx ON sdk_sessions (project_key)`,
  ],
};
