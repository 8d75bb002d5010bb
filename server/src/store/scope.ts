/** Whose conversation: every read and write of a conversation's rows names its owner too. */
export interface ConversationScope {
  readonly userId: string;
  readonly conversationId: string;
}

/**
 * The turn whose lease must still be held for a write to happen: a process that lost its lease (another one
 * closed its turn as abandoned) must not write after that turn's end.
 */
export interface TurnFence {
  readonly turnId: string;
  readonly holder: string;
}
