import { describe, expect, it } from 'vitest';
import {
  ChatRequestSchema,
  ChatResponseSchema,
  ConversationListSchema,
  ConversationSchema,
  HttpErrorSchema,
  normalizeChatRequest,
  RenameConversationBodySchema,
  SignInBodySchema,
  type ChatResponse,
  type Conversation,
} from '../src/index.ts';

describe('HTTP shapes', () => {
  it("accepts the seed's ChatRequest, session_id included, and resolves the alias", () => {
    const seed = ChatRequestSchema.parse({ message: 'List all sites', session_id: 'abc' });
    expect(normalizeChatRequest(seed)).toEqual({ content: 'List all sites', conversationId: 'abc' });
    expect(normalizeChatRequest(ChatRequestSchema.parse({ message: 'hi' }))).toEqual({ content: 'hi' });
    expect(
      normalizeChatRequest(ChatRequestSchema.parse({ message: 'hi', conversationId: 'ours', session_id: 'theirs' })),
    ).toEqual({ content: 'hi', conversationId: 'ours' });
    expect(ChatRequestSchema.safeParse({ message: '' }).success).toBe(false);
    expect(ChatRequestSchema.safeParse({ message: 'x'.repeat(16_001) }).success).toBe(false);
    expect(ChatRequestSchema.safeParse({}).success).toBe(false);
  });

  it("answers with the seed's ChatResponse fields next to ours", () => {
    const response: ChatResponse = {
      message: 'There are 12 devices in dc1.',
      completed: true,
      session_id: 'c1',
      conversationId: 'c1',
      turnId: 't1',
      toolCalls: [
        {
          id: 'toolu_01',
          name: 'mcp__netbox__netbox_get_objects',
          input: { object_type: 'dcim.device' },
          summary: 'Devices in site dc1',
          status: 'ok',
          resultSummary: '12 devices',
          rows: 12,
          queries: ['/api/dcim/devices/?site=dc1'],
          links: {},
        },
      ],
      usage: { input_tokens: 10, output_tokens: 5 },
      costUsd: 0.001,
      durationMs: 900,
      stopReason: 'end_turn',
    };
    expect(ChatResponseSchema.parse(JSON.parse(JSON.stringify(response)))).toEqual(response);
    // What a seed client reads is all there.
    expect(response).toMatchObject({ message: expect.any(String), session_id: 'c1', completed: true });
  });

  it('round-trips a conversation with messages and its list item', () => {
    const conversation: Conversation = {
      id: 'c1',
      title: 'Devices',
      createdAt: '2025-03-01T10:00:00.000Z',
      updatedAt: '2025-03-01T10:01:00+00:00',
      messages: [
        { id: 'u1', role: 'user', content: 'devices?', toolCalls: [], createdAt: '2025-03-01T10:00:00Z', usage: null, status: 'complete' },
        {
          id: 'a1',
          role: 'assistant',
          content: 'Partial',
          toolCalls: [],
          createdAt: '2025-03-01T10:00:05Z',
          usage: { input_tokens: 1, output_tokens: 1 },
          status: 'error',
          turnId: 't1',
          error: { code: 'NETBOX_UNREACHABLE', message: 'NetBox could not be reached.' },
        },
      ],
    };
    expect(ConversationSchema.parse(JSON.parse(JSON.stringify(conversation)))).toEqual(conversation);
    expect(ConversationSchema.safeParse({ ...conversation, createdAt: 'yesterday' }).success).toBe(false);
    expect(
      ConversationListSchema.parse({
        conversations: [{ id: 'c1', title: 'Devices', createdAt: conversation.createdAt, updatedAt: conversation.updatedAt }],
        nextCursor: null,
      }).conversations,
    ).toHaveLength(1);
  });

  it('checks rename, sign-in and error bodies', () => {
    expect(RenameConversationBodySchema.safeParse({ title: 'Core routers' }).success).toBe(true);
    expect(RenameConversationBodySchema.safeParse({ title: '   ' }).success).toBe(false);
    expect(RenameConversationBodySchema.safeParse({ title: 'x'.repeat(201) }).success).toBe(false);

    expect(SignInBodySchema.parse({ username: 'alice', password: 's3cret' })).toEqual({ username: 'alice', password: 's3cret' });
    expect(SignInBodySchema.parse({ token: 'nbt_abc.def' })).toEqual({ token: 'nbt_abc.def' });
    expect(SignInBodySchema.safeParse({ username: 'alice' }).success).toBe(false);
    expect(SignInBodySchema.safeParse({}).success).toBe(false);

    expect(HttpErrorSchema.parse({ error: 'Sign in again.', code: 'UNAUTHORIZED', retryable: false }).code).toBe('UNAUTHORIZED');
  });
});
