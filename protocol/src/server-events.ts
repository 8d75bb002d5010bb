import { z } from 'zod';
import {
  ConversationIdSchema,
  IdSchema,
  ModeSchema,
  ResultLinksSchema,
  SeqSchema,
  SessionUserSchema,
  StopReasonSchema,
  TurnIdSchema,
  UsageSchema,
} from './common.ts';
import { ErrorCodeSchema } from './errors.ts';
import { MAX_TITLE_CHARS } from './limits.ts';

/**
 * Server → client events. Events of a turn carry `conversationId`, `turnId` and `seq`; `seq` rises by one per
 * recorded event of a conversation, so a client that reconnects asks to `resume` after the last one it saw and
 * gets the rest with no gap and no duplicate. Events without `seq` (connected, pong, busy, resumed, and errors
 * about a frame) are about the connection, not the conversation, and are never replayed.
 */

const turnFields = {
  conversationId: ConversationIdSchema,
  turnId: TurnIdSchema,
  seq: SeqSchema,
};

export const ConnectedEventSchema = z.object({
  type: z.literal('connected'),
  protocolVersion: z.number().int().positive(),
  user: SessionUserSchema,
  mode: ModeSchema,
  model: z.object({
    configured: z.boolean(),
    /** The model name the server asks for, e.g. `claude-sonnet-4-5`. */
    name: z.string().optional(),
    /** When not configured: why, in words a user can act on. */
    reason: z.string().optional(),
  }),
  /** The NetBox the answers come from (its base URL), for the UI's header and links. */
  netboxUrl: z.string().optional(),
  limits: z.object({
    maxFrameBytes: z.number().int().positive(),
    maxMessageChars: z.number().int().positive(),
    rateLimitPerMinute: z.number().int().positive(),
  }),
});
export type ConnectedEvent = z.infer<typeof ConnectedEventSchema>;

/**
 * Starts a turn: the user's message as the server recorded it. Sent to every socket watching the conversation
 * (a second tab sees the question too) and replayed on resume.
 */
export const TurnStartEventSchema = z.object({
  type: z.literal('turn_start'),
  ...turnFields,
  /** The stored user message's id. */
  messageId: IdSchema,
  content: z.string(),
  /** Echoed from the `message` command, so the sender can match its optimistic bubble. */
  clientMessageId: IdSchema.optional(),
});
export type TurnStartEvent = z.infer<typeof TurnStartEventSchema>;

/**
 * A chunk of the answer. Each turn's last `text` has `completed: true` (its content may be empty), which is all
 * a client of the seed plan needs. The turn fields are optional here only so that the seed's bare chunk
 * `{"type":"text","content":"…","completed":false}` stays valid; our server always sends them.
 */
export const TextEventSchema = z.object({
  type: z.literal('text'),
  content: z.string(),
  completed: z.boolean(),
  conversationId: ConversationIdSchema.optional(),
  turnId: TurnIdSchema.optional(),
  seq: SeqSchema.optional(),
});
export type TextEvent = z.infer<typeof TextEventSchema>;

/** A chunk of the model's visible reasoning, when the model sends any. */
export const ThinkingEventSchema = z.object({
  type: z.literal('thinking'),
  ...turnFields,
  content: z.string(),
});
export type ThinkingEvent = z.infer<typeof ThinkingEventSchema>;

export const ToolUseEventSchema = z.object({
  type: z.literal('tool_use'),
  ...turnFields,
  toolUseId: z.string().min(1),
  /** Full tool name, e.g. `mcp__netbox__netbox_get_objects`. */
  name: z.string().min(1),
  input: z.record(z.string(), z.unknown()),
  /** What the call asks for, in words, e.g. "Devices in site dc1". */
  summary: z.string(),
});
export type ToolUseEvent = z.infer<typeof ToolUseEventSchema>;

export const ToolResultEventSchema = z.object({
  type: z.literal('tool_result'),
  ...turnFields,
  toolUseId: z.string().min(1),
  isError: z.boolean(),
  /** What came back, in words, e.g. "12 devices, first 50 shown" or the tool's error. */
  summary: z.string(),
  rows: z.number().int().nonnegative().optional(),
  total: z.number().int().nonnegative().optional(),
  truncated: z.boolean(),
  /** NetBox API requests the tool made (path and query), e.g. `/api/dcim/devices/?site=dc1&limit=50`. */
  queries: z.array(z.string()),
  links: ResultLinksSchema,
  durationMs: z.number().nonnegative().optional(),
});
export type ToolResultEvent = z.infer<typeof ToolResultEventSchema>;

/** Ends a turn that ran to its end or was stopped (`stopReason: 'stopped'`); follows the `completed` text. */
export const DoneEventSchema = z.object({
  type: z.literal('done'),
  ...turnFields,
  /** The stored assistant message's id. */
  messageId: IdSchema.optional(),
  usage: UsageSchema,
  costUsd: z.number().nonnegative(),
  durationMs: z.number().nonnegative(),
  stopReason: StopReasonSchema,
});
export type DoneEvent = z.infer<typeof DoneEventSchema>;

/**
 * Something failed. With a `turnId` it ends that turn (after its `completed` text; the partial answer is
 * kept). Without one it is about a frame or the connection, which stays open.
 */
export const ErrorEventSchema = z.object({
  type: z.literal('error'),
  code: ErrorCodeSchema,
  /** Safe to show: no secret, stack or upstream body. */
  message: z.string(),
  retryable: z.boolean(),
  conversationId: ConversationIdSchema.optional(),
  turnId: TurnIdSchema.optional(),
  seq: SeqSchema.optional(),
  /** Echoed from the `message` command it answers, when there was one. */
  clientMessageId: IdSchema.optional(),
});
export type ErrorEvent = z.infer<typeof ErrorEventSchema>;

export const NOTICE_CODES = ['MODEL_RETRYING', 'MCP_SERVER_FAILED', 'TOOL_SLOW'] as const;
export const NoticeCodeSchema = z.enum(NOTICE_CODES);
export type NoticeCode = z.infer<typeof NoticeCodeSchema>;

/**
 * Something the user should know that does not end the turn: the model is being retried, a tool server is down,
 * a tool is slow to answer.
 */
export const NoticeEventSchema = z.object({
  type: z.literal('notice'),
  ...turnFields,
  code: NoticeCodeSchema,
  message: z.string(),
  /** The tool call the notice is about (`TOOL_SLOW`), when it is about one. */
  toolUseId: z.string().min(1).optional(),
});
export type NoticeEvent = z.infer<typeof NoticeEventSchema>;

/**
 * The model's attempt failed midway (a cut stream) and is being tried again: the answer's text goes back to its
 * first `length` characters (UTF-16 code units, as JavaScript counts them), and the retry's text follows. Tool
 * calls stay. The stored message never holds the failed attempt's text.
 */
export const TextResetEventSchema = z.object({
  type: z.literal('text_reset'),
  ...turnFields,
  length: z.number().int().nonnegative(),
});
export type TextResetEvent = z.infer<typeof TextResetEventSchema>;

/** A conversation was created (by the first message) or renamed. */
export const ConversationEventSchema = z.object({
  type: z.literal('conversation'),
  conversationId: ConversationIdSchema,
  title: z.string().max(MAX_TITLE_CHARS),
  seq: SeqSchema.optional(),
});
export type ConversationEvent = z.infer<typeof ConversationEventSchema>;

export const PongEventSchema = z.object({ type: z.literal('pong') });
export type PongEvent = z.infer<typeof PongEventSchema>;

/** The message waits for a free model session; sent again as the position changes. */
export const BusyEventSchema = z.object({
  type: z.literal('busy'),
  conversationId: ConversationIdSchema,
  turnId: TurnIdSchema.optional(),
  /** 1 = next to run. */
  position: z.number().int().positive(),
});
export type BusyEvent = z.infer<typeof BusyEventSchema>;

/** Answers `resume` after the replayed events: from here on the client gets live events. */
export const ResumedEventSchema = z.object({
  type: z.literal('resumed'),
  conversationId: ConversationIdSchema,
  /** The newest seq of the conversation (0 when it has none): the client is now up to date with it. */
  lastSeq: z.number().int().nonnegative(),
  /** Whether a turn is still being written; its further events follow live. */
  turnRunning: z.boolean(),
  /**
   * True when events after `afterSeq` are no longer kept one by one (for example after a restart): reload the
   * conversation over HTTP instead of relying on the replay.
   */
  reload: z.boolean(),
});
export type ResumedEvent = z.infer<typeof ResumedEventSchema>;

export const ServerEventSchema = z.discriminatedUnion('type', [
  ConnectedEventSchema,
  TurnStartEventSchema,
  TextEventSchema,
  TextResetEventSchema,
  ThinkingEventSchema,
  ToolUseEventSchema,
  ToolResultEventSchema,
  DoneEventSchema,
  ErrorEventSchema,
  NoticeEventSchema,
  ConversationEventSchema,
  PongEventSchema,
  BusyEventSchema,
  ResumedEventSchema,
]);
export type ServerEvent = z.infer<typeof ServerEventSchema>;
export type ServerEventType = ServerEvent['type'];

