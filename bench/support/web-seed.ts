import { randomUUID } from 'node:crypto';
import type { Store } from '../../server/src/store/index.ts';
import { assistantMessage, seeded, userMessage } from './web-markdown.ts';

/** The single-user identity's id, as the server answers it to the browser. */
export async function localUserId(serverUrl: string): Promise<string> {
  const response = await fetch(`${serverUrl}/api/auth/me`);
  if (!response.ok) throw new Error(`GET /api/auth/me answered ${response.status}`);
  const body = (await response.json()) as { user?: { id?: unknown } };
  if (typeof body.user?.id !== 'string') throw new Error('GET /api/auth/me gave no user id');
  return body.user.id;
}

/**
 * A finished conversation of `turns` questions and answers (2 × turns messages) written straight into the
 * store, as earlier turns would have left it: the same text every run.
 */
export async function seedConversation(store: Store, userId: string, turns: number, seed: number): Promise<string> {
  const random = seeded(seed);
  const conversation = await store.conversations.create(userId, { title: `Bench: ${turns * 2} messages (${seed})` });
  const scope = { userId, conversationId: conversation.id };
  for (let i = 0; i < turns; i += 1) {
    const turnId = randomUUID();
    await store.messages.addUserMessage({ ...scope, turnId, content: userMessage(random) });
    await store.messages.upsertAssistantMessage({ ...scope, turnId, content: assistantMessage(random), toolCalls: [], status: 'complete', durationMs: 4000 + i });
  }
  return conversation.id;
}
