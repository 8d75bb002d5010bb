import { z } from 'zod';
import {
  ConversationIdSchema,
  IdSchema,
  IsoDateTimeSchema,
  SessionUserSchema,
  StopReasonSchema,
  ToolCallSchema,
  TurnIdSchema,
  UsageSchema,
} from './common.ts';
import { ErrorCodeSchema } from './errors.ts';
import { MAX_MESSAGE_CHARS, MAX_TITLE_CHARS } from './limits.ts';

/**
 * Bodies of the HTTP API. `POST /api/chat` keeps the seed plan's ChatRequest/ChatResponse fields (`message`,
 * `session_id`, `completed`) next to ours, so a client written for the seed works unchanged.
 */

export const ChatRequestSchema = z.object({
  message: z.string().min(1).max(MAX_MESSAGE_CHARS),
  /** Absent: a new conversation. */
  conversationId: ConversationIdSchema.optional(),
  /** The seed's name for conversationId; conversationId wins when both are given. */
  session_id: ConversationIdSchema.optional(),
});
export type ChatRequest = z.infer<typeof ChatRequestSchema>;

/** The request with the seed's alias resolved. */
export function normalizeChatRequest(request: ChatRequest): { content: string; conversationId?: string } {
  const conversationId = request.conversationId ?? request.session_id;
  return conversationId === undefined ? { content: request.message } : { content: request.message, conversationId };
}

export const ChatResponseSchema = z.object({
  /** The whole answer, as Markdown. */
  message: z.string(),
  /** Seed: the answer ran to its end (false when it was stopped or cut short). */
  completed: z.boolean(),
  /** Seed: the conversation, to send back as session_id (or conversationId) for a follow-up. */
  session_id: ConversationIdSchema,
  conversationId: ConversationIdSchema,
  turnId: TurnIdSchema,
  toolCalls: z.array(ToolCallSchema),
  usage: UsageSchema.optional(),
  costUsd: z.number().nonnegative().optional(),
  durationMs: z.number().nonnegative().optional(),
  stopReason: StopReasonSchema.optional(),
});
export type ChatResponse = z.infer<typeof ChatResponseSchema>;

/** Every HTTP error body. `error` is the safe message, where the seed's ErrorResponse had it. */
export const HttpErrorSchema = z.object({
  error: z.string(),
  code: ErrorCodeSchema,
  retryable: z.boolean(),
});
export type HttpError = z.infer<typeof HttpErrorSchema>;

export const MESSAGE_STATUSES = ['complete', 'running', 'stopped', 'error'] as const;
export const MessageStatusSchema = z.enum(MESSAGE_STATUSES);
export type MessageStatus = z.infer<typeof MessageStatusSchema>;

/** A message as the UI shows it: the user's question, or an answer with the tools it used. */
export const ChatMessageSchema = z.object({
  id: IdSchema,
  role: z.enum(['user', 'assistant']),
  /** Markdown. */
  content: z.string(),
  /** In the order they ran; always empty for user messages. */
  toolCalls: z.array(ToolCallSchema),
  createdAt: IsoDateTimeSchema,
  /** Null for user messages and for answers that never reached the model. */
  usage: UsageSchema.nullable(),
  status: MessageStatusSchema,
  turnId: TurnIdSchema.optional(),
  costUsd: z.number().nonnegative().optional(),
  durationMs: z.number().nonnegative().optional(),
  /** Why an answer with status `error` failed. */
  error: z.object({ code: ErrorCodeSchema, message: z.string() }).optional(),
});
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

export const ConversationListItemSchema = z.object({
  id: ConversationIdSchema,
  title: z.string().max(MAX_TITLE_CHARS),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
  messageCount: z.number().int().nonnegative().optional(),
});
export type ConversationListItem = z.infer<typeof ConversationListItemSchema>;

/** A page of the conversation list, newest first. */
export const ConversationListSchema = z.object({
  conversations: z.array(ConversationListItemSchema),
  /** Pass as `?cursor=` for the next page; null on the last page. */
  nextCursor: z.string().nullable().optional(),
});
export type ConversationList = z.infer<typeof ConversationListSchema>;

/** One conversation with its messages: what the UI loads, and the JSON export. */
export const ConversationSchema = z.object({
  id: ConversationIdSchema,
  title: z.string().max(MAX_TITLE_CHARS),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
  /**
   * Send `resume` with this `afterSeq` to follow the conversation live: it is the last event already in these
   * messages, or the one before an answer still being written. Absent in exports.
   */
  resumeAfterSeq: z.number().int().nonnegative().optional(),
  messages: z.array(ChatMessageSchema),
});
export type Conversation = z.infer<typeof ConversationSchema>;

/** Rename body. */
export const RenameConversationBodySchema = z.object({
  title: z.string().min(1).max(MAX_TITLE_CHARS).regex(/\S/, 'must not be blank'),
});
export type RenameConversationBody = z.infer<typeof RenameConversationBodySchema>;

/** Sign in with NetBox credentials: the server provisions a NetBox token for the user and keeps it. */
export const PasswordSignInBodySchema = z.object({
  username: z.string().min(1).max(150),
  password: z.string().min(1).max(1024),
});
export type PasswordSignInBody = z.infer<typeof PasswordSignInBodySchema>;

/** Sign in with an existing NetBox API token (v1 40-hex, or v2 `nbt_…`). */
export const TokenSignInBodySchema = z.object({
  token: z.string().min(1).max(512),
});
export type TokenSignInBody = z.infer<typeof TokenSignInBodySchema>;

/** Sign-in body: either form. */
export const SignInBodySchema = z.union([PasswordSignInBodySchema, TokenSignInBodySchema]);
export type SignInBody = z.infer<typeof SignInBodySchema>;

export const SignInResponseSchema = z.object({ user: SessionUserSchema });
export type SignInResponse = z.infer<typeof SignInResponseSchema>;
