import { ERROR_DEFAULTS, type ErrorCode } from '@netbox-chatbox/protocol';

/**
 * A failure the chat layer reports to a client: a protocol code and a message safe to show. The socket turns it
 * into an `error` event, the HTTP API into an error body with a status.
 */
export class ChatError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;

  constructor(code: ErrorCode, message?: string, retryable?: boolean) {
    super(message ?? ERROR_DEFAULTS[code].message);
    this.name = 'ChatError';
    this.code = code;
    this.retryable = retryable ?? ERROR_DEFAULTS[code].retryable;
  }
}

export function isChatError(error: unknown): error is ChatError {
  return error instanceof ChatError;
}
