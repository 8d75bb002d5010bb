/**
 * Stable codes for every failure a tool reports. The model sees `code: message` plus a hint it can act on;
 * the chat server maps the code to its own protocol errors.
 */
export const ERROR_CODES = [
  'NETBOX_UNREACHABLE',
  'NETBOX_TIMEOUT',
  'NETBOX_AUTH',
  'NETBOX_NOT_FOUND',
  'NETBOX_BAD_REQUEST',
  'NETBOX_RATE_LIMITED',
  'NETBOX_SERVER_ERROR',
  'NETBOX_BAD_RESPONSE',
  'UNKNOWN_OBJECT_TYPE',
  'UNKNOWN_FILTER',
  'INVALID_FILTER_VALUE',
  'INVALID_ARGUMENT',
  'OBJECT_NOT_FOUND',
  'AMBIGUOUS_NAME',
  'TOO_MANY_MATCHES',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class NetboxMcpError extends Error {
  readonly code: ErrorCode;
  /** What the model (or a person) can do about it. */
  readonly hint: string | undefined;
  /** NetBox's HTTP status, when the error came from NetBox. */
  readonly status: number | undefined;

  constructor(code: ErrorCode, message: string, options: { hint?: string; status?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'NetboxMcpError';
    this.code = code;
    this.hint = options.hint;
    this.status = options.status;
  }

  /** The text a tool result carries: code, message and hint, never a stack or a token. */
  toToolText(): string {
    return `${this.code}: ${this.message}${this.hint ? `\nHint: ${this.hint}` : ''}`;
  }
}

export function isNetboxMcpError(error: unknown): error is NetboxMcpError {
  return error instanceof NetboxMcpError;
}
