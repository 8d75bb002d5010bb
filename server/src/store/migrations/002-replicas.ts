import type { Migration } from './migration.ts';

/**
 * What several server processes on one database need to share a conversation safely (BRIEF §2).
 *
 * turn_leases: at most one running turn per conversation across all processes. The holder renews its lease
 * (heartbeat_at); a lease nobody renews belongs to a dead process, and any live one closes that turn.
 *
 * messages.interrupted: the answer was cut off by a crash or an outage rather than ended by the model or the
 * user, so the model's context is told so when the conversation goes on. The partial index finds running
 * answers without scanning every message.
 *
 * conversation_sdk_sessions: every Agent SDK session a conversation's context has lived in (a lost transcript
 * starts a new one), so deleting the conversation deletes all of their transcripts.
 */
export const migration002: Migration = {
  version: 2,
  name: 'replicas',
  statements: [
    `CREATE TABLE turn_leases (
      conversation_id uuid PRIMARY KEY REFERENCES conversations (id) ON DELETE CASCADE,
      turn_id text NOT NULL,
      holder text NOT NULL,
      acquired_at timestamptz NOT NULL DEFAULT now(),
      heartbeat_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE INDEX turn_leases_holder_idx ON turn_leases (holder)`,
    `ALTER TABLE messages ADD COLUMN interrupted boolean NOT NULL DEFAULT false`,
    `CREATE INDEX messages_running_idx ON messages (conversation_id, turn_id) WHERE status = 'running'`,
    `CREATE TABLE conversation_sdk_sessions (
      conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
      session_id text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (conversation_id, session_id)
    )`,
    `CREATE INDEX conversation_sdk_sessions_session_idx ON conversation_sdk_sessions (session_id)`,
    `INSERT INTO conversation_sdk_sessions (conversation_id, session_id) SELECT id, sdk_session_id FROM conversations WHERE sdk_session_id IS NOT NULL`,
  ],
};
