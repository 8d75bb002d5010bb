import { z } from 'zod';
import { ConversationIdSchema, IdSchema } from './common.ts';
import { ERROR_DEFAULTS, type ErrorCode } from './errors.ts';
import { MAX_FRAME_BYTES, MAX_MESSAGE_CHARS } from './limits.ts';
import type { ErrorEvent } from './server-events.ts';

/** Client → server commands, in the normalized form the server works with. Unknown extra fields are dropped. */

export const MessageCommandSchema = z.object({
  type: z.literal('message'),
  /** Absent: start a new conversation (the server answers with a `conversation` event). */
  conversationId: ConversationIdSchema.optional(),
  content: z.string().min(1).max(MAX_MESSAGE_CHARS),
  /** The client's own id for this message, echoed in `turn_start` and in errors about it. */
  clientMessageId: IdSchema.optional(),
});
export type MessageCommand = z.infer<typeof MessageCommandSchema>;

/** The seed plan's form, `{"message": "…"}`; parseClientFrame turns it into a MessageCommand. */
export const BareMessageFrameSchema = z.object({
  message: z.string().min(1).max(MAX_MESSAGE_CHARS),
  conversationId: ConversationIdSchema.optional(),
});
export type BareMessageFrame = z.infer<typeof BareMessageFrameSchema>;

/** Interrupts the running turn; what was written so far is kept. */
export const StopCommandSchema = z.object({
  type: z.literal('stop'),
  conversationId: ConversationIdSchema,
});
export type StopCommand = z.infer<typeof StopCommandSchema>;

/**
 * Subscribes this socket to a conversation and replays every recorded event with `seq > afterSeq`
 * (0: from the start), then a `resumed` event, then live events.
 */
export const ResumeCommandSchema = z.object({
  type: z.literal('resume'),
  conversationId: ConversationIdSchema,
  afterSeq: z.number().int().nonnegative(),
});
export type ResumeCommand = z.infer<typeof ResumeCommandSchema>;

export const PingCommandSchema = z.object({ type: z.literal('ping') });
export type PingCommand = z.infer<typeof PingCommandSchema>;

export const ClientCommandSchema = z.discriminatedUnion('type', [
  MessageCommandSchema,
  StopCommandSchema,
  ResumeCommandSchema,
  PingCommandSchema,
]);
export type ClientCommand = z.infer<typeof ClientCommandSchema>;
export type ClientCommandType = ClientCommand['type'];

/** Everything a client may send, as written on the wire (for documentation and JSON Schema). */
export const ClientFrameSchema = z.union([ClientCommandSchema, BareMessageFrameSchema]);
export type ClientFrame = z.infer<typeof ClientFrameSchema>;

export const CLIENT_COMMAND_TYPES: readonly ClientCommandType[] = ['message', 'stop', 'resume', 'ping'];

const COMMAND_SCHEMAS = {
  message: MessageCommandSchema,
  stop: StopCommandSchema,
  resume: ResumeCommandSchema,
  ping: PingCommandSchema,
} satisfies Record<ClientCommandType, z.ZodType>;

export type ParseClientFrameResult =
  | { readonly ok: true; readonly command: ClientCommand }
  | { readonly ok: false; readonly error: ErrorEvent };

export interface ParseClientFrameOptions {
  /** Defaults to MAX_FRAME_BYTES. */
  readonly maxFrameBytes?: number;
  /** The server's configured limit; defaults to (and cannot exceed) MAX_MESSAGE_CHARS. */
  readonly maxMessageChars?: number;
}

/**
 * One text frame into a command, or into the `error` event to send back. Never throws, and never echoes more
 * of the frame than a short field name, so the answer and any log of it stay small and free of what was sent.
 */
export function parseClientFrame(text: string, options: ParseClientFrameOptions = {}): ParseClientFrameResult {
  const maxBytes = options.maxFrameBytes ?? MAX_FRAME_BYTES;
  const maxChars = Math.min(options.maxMessageChars ?? MAX_MESSAGE_CHARS, MAX_MESSAGE_CHARS);

  if (typeof text !== 'string') return fail('BAD_FRAME', 'Send commands as JSON in text frames.');
  // A string's UTF-8 size is at least its length: the cheap test first, so a huge frame is never measured.
  if (text.length > maxBytes || utf8Length(text) > maxBytes) {
    return fail('FRAME_TOO_LARGE', `The frame is larger than the limit of ${formatCount(maxBytes)} bytes.`);
  }

  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail('BAD_FRAME', 'The frame is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail('BAD_FRAME', 'The frame must be a JSON object, e.g. {"type":"message","content":"…"}.');
  }
  const frame = value as Record<string, unknown>;
  const echo = echoFields(frame);

  let candidate: Record<string, unknown>;
  if (frame.type === undefined) {
    if (!('message' in frame)) {
      return fail('BAD_FRAME', 'The frame needs a "type" (message, stop, resume or ping).', echo);
    }
    candidate = { type: 'message', content: frame.message, conversationId: frame.conversationId };
  } else if (typeof frame.type !== 'string') {
    return fail('BAD_FRAME', '"type" must be a string: message, stop, resume or ping.', echo);
  } else if (!isCommandType(frame.type)) {
    return fail(
      'UNKNOWN_TYPE',
      `Unknown frame type ${JSON.stringify(clip(frame.type, 40))}; known types are message, stop, resume and ping.`,
      echo,
    );
  } else if (frame.type === 'message' && frame.content === undefined && 'message' in frame) {
    // Tolerated: the seed's field name with our type.
    candidate = { ...frame, content: frame.message };
  } else {
    candidate = frame;
  }

  const type = candidate.type as ClientCommandType;
  if (type === 'message') {
    const content = candidate.content;
    if (typeof content === 'string' && content.length > maxChars) {
      return fail(
        'MESSAGE_TOO_LONG',
        `The message is ${formatCount(content.length)} characters; the limit is ${formatCount(maxChars)}.`,
        echo,
      );
    }
    if (typeof content === 'string' && content.trim() === '') {
      return fail('BAD_FRAME', 'The message is empty.', echo);
    }
  }

  const parsed = COMMAND_SCHEMAS[type].safeParse(candidate);
  if (!parsed.success) return fail('BAD_FRAME', describeIssues(parsed.error.issues, frame.type === undefined), echo);
  return { ok: true, command: parsed.data };
}

/** An `error` event with the code's default wording unless a better one is given. */
export function protocolError(
  code: ErrorCode,
  message?: string,
  extra: Pick<ErrorEvent, 'conversationId' | 'turnId' | 'seq' | 'clientMessageId'> = {},
): ErrorEvent {
  const fallback = ERROR_DEFAULTS[code];
  return { type: 'error', code, message: message ?? fallback.message, retryable: fallback.retryable, ...extra };
}

function fail(
  code: ErrorCode,
  message: string,
  echo: Pick<ErrorEvent, 'conversationId' | 'clientMessageId'> = {},
): ParseClientFrameResult {
  return { ok: false, error: protocolError(code, message, echo) };
}

function isCommandType(type: string): type is ClientCommandType {
  return Object.hasOwn(COMMAND_SCHEMAS, type);
}

/** Ids the client sent, when well-formed, so it can tell which conversation or message an error is about. */
function echoFields(frame: Record<string, unknown>): Pick<ErrorEvent, 'conversationId' | 'clientMessageId'> {
  const echo: Pick<ErrorEvent, 'conversationId' | 'clientMessageId'> = {};
  const conversationId = ConversationIdSchema.safeParse(frame.conversationId);
  if (conversationId.success) echo.conversationId = conversationId.data;
  const clientMessageId = IdSchema.safeParse(frame.clientMessageId);
  if (clientMessageId.success) echo.clientMessageId = clientMessageId.data;
  return echo;
}

/** At most three problems, each as `field: what was expected`; values themselves are never quoted. */
function describeIssues(issues: readonly z.core.$ZodIssue[], bare: boolean): string {
  const parts = issues.slice(0, 3).map((issue) => {
    let field = issue.path.map(String).join('.') || 'frame';
    // The bare form's text arrives as "message", not "content": name the field the client actually sent.
    if (bare && field === 'content') field = 'message';
    return `"${clip(field, 40)}": ${issueText(issue)}`;
  });
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
  return `Invalid frame: ${parts.join('; ')}${more}.`;
}

function issueText(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'too_small':
      return issue.origin === 'string' ? 'must not be empty' : `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'string' ? `must be at most ${String(issue.maximum)} characters` : `must be at most ${String(issue.maximum)}`;
    case 'invalid_value':
      return 'has a value that is not allowed';
    default:
      return issue.message;
  }
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
