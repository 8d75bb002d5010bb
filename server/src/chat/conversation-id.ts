const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A conversation id as this server keys it: lower-case, as PostgreSQL prints a uuid. The store compares uuids
 * whatever their case, so the same conversation written in upper case must meet the same runtime (and the same
 * one-turn-at-a-time rule) here too. Null for anything that is not a conversation id at all.
 */
export function canonicalConversationId(id: string): string | null {
  return UUID.test(id) ? id.toLowerCase() : null;
}
