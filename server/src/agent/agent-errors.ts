/**
 * Stable codes for every way a turn can fail. The message is written for the person in the chat and never
 * carries what the SDK or CLI said (that text can name internal hosts); the raw detail goes to the log only.
 */
export const AGENT_ERROR_CODES = [
  'MODEL_OVERLOADED',
  'MODEL_UNAVAILABLE',
  'MODEL_CONFIG',
  'MODEL_REJECTED',
  'MODEL_STALLED',
  'TOOL_STALLED',
  'AGENT_BUSY',
  'TURN_IN_PROGRESS',
  'SESSION_CLOSED',
  'SESSION_LOST',
  'INTERNAL',
] as const;

export type AgentErrorCode = (typeof AGENT_ERROR_CODES)[number];

interface SafeError {
  readonly message: string;
  readonly retryable: boolean;
}

const SAFE_ERRORS: Readonly<Record<AgentErrorCode, SafeError>> = {
  MODEL_OVERLOADED: { message: 'The model is overloaded right now. Try again in a moment.', retryable: true },
  MODEL_UNAVAILABLE: { message: 'The model could not be reached. Try again in a moment.', retryable: true },
  MODEL_CONFIG: {
    message: 'The model provider refused the server\'s settings (credentials or model name). An administrator must check the model configuration.',
    retryable: false,
  },
  MODEL_REJECTED: {
    message: 'The model refused this request, for example because the conversation is too long. Start a new conversation or rephrase the question.',
    retryable: false,
  },
  MODEL_STALLED: { message: 'The model stopped responding in the middle of the answer. Try again.', retryable: true },
  TOOL_STALLED: { message: 'A tool did not finish in time, so the answer was cancelled. Try again, perhaps with a narrower question.', retryable: true },
  AGENT_BUSY: { message: 'The server is busy with other conversations. Try again shortly.', retryable: true },
  TURN_IN_PROGRESS: { message: 'An answer is still being written in this conversation. Wait for it or stop it first.', retryable: false },
  SESSION_CLOSED: { message: 'This conversation\'s assistant session has been closed.', retryable: false },
  SESSION_LOST: {
    message: 'The earlier part of this conversation could not be restored. Send your message again to go on without it.',
    retryable: true,
  },
  INTERNAL: { message: 'The assistant stopped unexpectedly. Try again.', retryable: true },
};

export class AgentError extends Error {
  readonly code: AgentErrorCode;
  readonly retryable: boolean;

  constructor(code: AgentErrorCode, options: { cause?: unknown } = {}) {
    super(SAFE_ERRORS[code].message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AgentError';
    this.code = code;
    this.retryable = SAFE_ERRORS[code].retryable;
  }
}

export function safeError(code: AgentErrorCode): { code: AgentErrorCode; message: string; retryable: boolean } {
  return { code, ...SAFE_ERRORS[code] };
}

/** What the CLI tells us about a failed model call: the HTTP status of the last attempt and its error kind. */
export interface ModelFailure {
  readonly status?: number | null;
  /** The CLI's `SDKAssistantMessageError` kind (`overloaded`, `rate_limit`, `authentication_failed`, …). */
  readonly kind?: string;
  /** The error result's text, e.g. `API Error: 529 Overloaded. …`. */
  readonly text?: string;
}

const CONFIG_KINDS = new Set(['authentication_failed', 'oauth_org_not_allowed', 'account_on_hold', 'verification_required', 'billing_error', 'model_not_found', 'cloud_credential_error']);

/**
 * Maps a failed model call to our code. The status wins: the CLI labels a 529 it gave up on as `server_error`
 * in the synthetic assistant message, so the kind alone is not reliable; the text is the last resort.
 */
export function classifyModelFailure(failure: ModelFailure): AgentErrorCode {
  const status = failure.status ?? statusFromText(failure.text);
  if (status !== undefined) {
    if (status === 529 || status === 429) return 'MODEL_OVERLOADED';
    if (status === 401 || status === 403 || status === 404) return 'MODEL_CONFIG';
    if (status === 400 || status === 413 || status === 422) return 'MODEL_REJECTED';
    if (status >= 500) return 'MODEL_UNAVAILABLE';
  }
  const kind = failure.kind;
  if (kind === 'overloaded' || kind === 'rate_limit') return 'MODEL_OVERLOADED';
  if (kind && CONFIG_KINDS.has(kind)) return 'MODEL_CONFIG';
  if (kind === 'invalid_request' || kind === 'max_output_tokens') return 'MODEL_REJECTED';
  const text = failure.text ?? '';
  if (/invalid api key|authenticat|credential/i.test(text)) return 'MODEL_CONFIG';
  if (/prompt is too long|too long|invalid request/i.test(text)) return 'MODEL_REJECTED';
  return 'MODEL_UNAVAILABLE';
}

function statusFromText(text: string | undefined): number | undefined {
  const match = /API Error:\s*(\d{3})\b|\((\d{3})\)/.exec(text ?? '');
  const digits = match?.[1] ?? match?.[2];
  return digits === undefined ? undefined : Number(digits);
}
