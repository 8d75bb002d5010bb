import { HttpErrorSchema, type ErrorCode } from '@netbox-chatbox/protocol';

/** A failed API call: the server's stable code and safe message, or NETWORK when no answer came at all. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'NETWORK',
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Reads a non-2xx response into an ApiError; a body that is not ours (a proxy's page) still gives a clear one. */
export async function apiErrorFrom(response: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const parsed = HttpErrorSchema.safeParse(body);
  if (parsed.success) return new ApiError(response.status, parsed.data.code, parsed.data.error, parsed.data.retryable);
  if (response.status === 429) return new ApiError(429, 'RATE_LIMITED', 'Too many requests. Wait a moment and try again.', true);
  if (response.status === 401) return new ApiError(401, 'UNAUTHORIZED', 'You are not signed in, or your session has ended. Sign in again.', false);
  if (response.status >= 500) return new ApiError(response.status, 'INTERNAL', `The chat server answered with an error (HTTP ${response.status}). Try again in a moment.`, true);
  return new ApiError(response.status, 'BAD_FRAME', `The chat server refused the request (HTTP ${response.status}).`, false);
}

export function networkError(): ApiError {
  return new ApiError(0, 'NETWORK', 'The chat server could not be reached. Check your connection and try again.', true);
}

export interface SignInProblem {
  readonly title: string;
  readonly description: string;
}

/** What a failed sign-in means for the person at the keyboard, by kind: credentials, NetBox, limits, network. */
export function signInProblem(error: ApiError, method: 'password' | 'token'): SignInProblem {
  switch (error.code) {
    case 'UNAUTHORIZED':
    case 'NETBOX_AUTH':
      return {
        title: method === 'password' ? 'Wrong username or password' : 'NetBox did not accept that token',
        description: error.message,
      };
    case 'BAD_FRAME':
      return { title: method === 'token' ? 'That does not look like a NetBox token' : 'Check what you entered', description: error.message };
    case 'NETBOX_UNREACHABLE':
      return { title: 'NetBox is not answering', description: error.message };
    case 'RATE_LIMITED':
      return { title: 'Too many attempts', description: 'Wait a minute before trying again.' };
    case 'NETWORK':
      return { title: 'The chat server is not answering', description: error.message };
    default:
      return { title: 'Sign-in failed', description: error.message };
  }
}
