import { z } from 'zod';

/**
 * Every failure the server reports, on the socket or over HTTP. A closed list, so the UI can map each code to
 * what the user can do; the server maps its internal failures (SDK, NetBox, store) onto these.
 */
export const ERROR_CODES = [
  // The frame the client sent.
  'BAD_FRAME',
  'FRAME_TOO_LARGE',
  'UNKNOWN_TYPE',
  'MESSAGE_TOO_LONG',
  // Who is asking, and for what.
  'HOST_NOT_ALLOWED',
  'UNAUTHORIZED',
  'NOT_FOUND',
  'RATE_LIMITED',
  'BUSY',
  'TURN_IN_PROGRESS',
  // The model.
  'MODEL_NOT_CONFIGURED',
  'MODEL_AUTH',
  'MODEL_UNAVAILABLE',
  'MODEL_OVERLOADED',
  'TURN_STALLED',
  // NetBox and other MCP servers.
  'NETBOX_UNREACHABLE',
  'NETBOX_AUTH',
  'NETBOX_SIGN_IN_EXPIRED',
  'MCP_SERVER_FAILED',
  // The server's own database.
  'STORE_UNAVAILABLE',
  'INTERNAL',
] as const;

export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

interface ErrorDefault {
  readonly message: string;
  /** Whether sending the same thing again later may succeed. */
  readonly retryable: boolean;
}

/**
 * A message and retry hint for each code, for when the server has nothing more specific to say. Written for the
 * person at the keyboard: what happened and what to do, never a stack, a URL with a token or a raw upstream body.
 */
export const ERROR_DEFAULTS: Readonly<Record<ErrorCode, ErrorDefault>> = {
  BAD_FRAME: { message: 'The server could not read that request.', retryable: false },
  FRAME_TOO_LARGE: { message: 'That request is too large for the server to accept.', retryable: false },
  UNKNOWN_TYPE: { message: 'The server does not know that kind of request.', retryable: false },
  MESSAGE_TOO_LONG: { message: 'That message is too long. Shorten it and send it again.', retryable: false },
  HOST_NOT_ALLOWED: { message: 'This server is not reached by that name. Open it at its own address.', retryable: false },
  UNAUTHORIZED: { message: 'You are not signed in, or your session has ended. Sign in again.', retryable: false },
  NOT_FOUND: { message: 'That conversation does not exist or is not yours.', retryable: false },
  RATE_LIMITED: { message: 'You are sending messages too quickly. Wait a moment and try again.', retryable: true },
  BUSY: { message: 'The server is at capacity. Try again in a moment.', retryable: true },
  TURN_IN_PROGRESS: {
    message: 'An answer is still being written in this conversation. Wait for it or stop it first.',
    retryable: true,
  },
  MODEL_NOT_CONFIGURED: {
    message: 'No AI model is configured on this server. Ask the administrator to set ANTHROPIC_API_KEY.',
    retryable: false,
  },
  MODEL_AUTH: {
    message: 'The AI model refused the server’s credentials. Ask the administrator to check the API key.',
    retryable: false,
  },
  MODEL_UNAVAILABLE: { message: 'The AI model could not be reached. Try again in a moment.', retryable: true },
  MODEL_OVERLOADED: { message: 'The AI model is overloaded. Try again in a moment.', retryable: true },
  TURN_STALLED: { message: 'The answer stopped arriving and was cancelled. Try asking again.', retryable: true },
  NETBOX_UNREACHABLE: { message: 'NetBox could not be reached. Try again in a moment.', retryable: true },
  NETBOX_AUTH: {
    message: 'NetBox refused your token. Sign in again, or ask for permission to view this data.',
    retryable: false,
  },
  NETBOX_SIGN_IN_EXPIRED: {
    message: 'Your NetBox sign-in has expired: NetBox no longer accepts your token. Sign in again; this conversation is kept.',
    retryable: false,
  },
  MCP_SERVER_FAILED: {
    message: 'An additional tool server failed to start; the conversation continues without it.',
    retryable: false,
  },
  STORE_UNAVAILABLE: { message: 'The server’s database is not reachable right now. Try again in a moment.', retryable: true },
  INTERNAL: { message: 'Something went wrong on the server. Try again.', retryable: true },
};
