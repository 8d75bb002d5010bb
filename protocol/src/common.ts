import { z } from 'zod';
import { MAX_ID_CHARS } from './limits.ts';

/**
 * Pieces shared by socket events and HTTP bodies. No transforms anywhere in this package's schemas, so each one
 * converts to JSON Schema (`z.toJSONSchema`) for the HTTP API's OpenAPI document.
 */

/** Ids are opaque to clients; the character set keeps them safe in URLs, logs and file names. */
export const IdSchema = z
  .string()
  .min(1)
  .max(MAX_ID_CHARS)
  .regex(/^[A-Za-z0-9_-]+$/, 'expected letters, digits, "-" or "_"');

export const ConversationIdSchema = IdSchema;
export const TurnIdSchema = IdSchema;

/** Per conversation, from 1, one step per recorded event: the client's resume point. */
export const SeqSchema = z.number().int().positive();

export const IsoDateTimeSchema = z.iso.datetime({ offset: true });

const tokens = z.number().int().nonnegative();

/** Anthropic's own names, so figures can be compared with the console and the SDK's `result`. */
export const UsageSchema = z.object({
  input_tokens: tokens,
  output_tokens: tokens,
  cache_creation_input_tokens: tokens.optional(),
  cache_read_input_tokens: tokens.optional(),
});
export type Usage = z.infer<typeof UsageSchema>;

/** Where the user can see in NetBox's own UI what a tool read: the filtered list, and each object shown. */
export const ResultLinksSchema = z.object({
  list: z.string().optional(),
  /** Label or `app.model:id` → NetBox UI URL. */
  objects: z.record(z.string(), z.string()).optional(),
  /**
   * Display name → NetBox UI URL of the objects the result shows, so the UI can link those names where the
   * answer writes them. Only names that mean one object of the result; never short or all-digit ones.
   */
  names: z.record(z.string(), z.string()).optional(),
});
export type ResultLinks = z.infer<typeof ResultLinksSchema>;

/** Why a turn ended. `stopped`: the user pressed stop. `other`: anything the SDK reports that is not listed. */
export const STOP_REASONS = ['end_turn', 'stopped', 'max_tokens', 'max_turns', 'refusal', 'other'] as const;
export const StopReasonSchema = z.enum(STOP_REASONS);
export type StopReason = z.infer<typeof StopReasonSchema>;

export const TOOL_CALL_STATUSES = ['running', 'ok', 'error'] as const;
export const ToolCallStatusSchema = z.enum(TOOL_CALL_STATUSES);
export type ToolCallStatus = z.infer<typeof ToolCallStatusSchema>;

/** A tool call as the UI keeps it once its result is in: the stored form of a tool_use + tool_result pair. */
export const ToolCallSchema = z.object({
  /** The model's tool_use id. */
  id: z.string().min(1),
  /** Full tool name, e.g. `mcp__netbox__netbox_get_objects`. */
  name: z.string().min(1),
  input: z.record(z.string(), z.unknown()),
  /** What the call asks for, in words, e.g. "Devices in site dc1". */
  summary: z.string(),
  status: ToolCallStatusSchema,
  /** What came back, in words, e.g. "12 devices" or the error's message. */
  resultSummary: z.string().optional(),
  rows: z.number().int().nonnegative().optional(),
  /** Matches in NetBox, when more than `rows` were shown. */
  total: z.number().int().nonnegative().optional(),
  truncated: z.boolean().optional(),
  /** NetBox API requests made (path and query). */
  queries: z.array(z.string()),
  links: ResultLinksSchema,
  durationMs: z.number().nonnegative().optional(),
});
export type ToolCall = z.infer<typeof ToolCallSchema>;

export const ModeSchema = z.enum(['demo', 'single-user', 'multi-user']);
export type Mode = z.infer<typeof ModeSchema>;

/** Who the server thinks is on the other end. In demo and single-user modes, one fixed local user. */
export const SessionUserSchema = z.object({
  id: z.string().min(1),
  username: z.string().min(1),
  displayName: z.string().optional(),
});
export type SessionUser = z.infer<typeof SessionUserSchema>;
