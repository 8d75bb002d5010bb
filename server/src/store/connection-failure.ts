import { StoreError } from './store-error.ts';

/** Socket errors of a database that is down, restarting or out of reach. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * SQLSTATEs that mean the server cannot serve us right now: class 08 (connection exception), the shutdown and
 * start-up states of class 57P, and running out of connections. A query that failed this way may work again
 * in a moment; any other error is a real error.
 */
const UNAVAILABLE_STATES = /^(08...|57P01|57P02|57P03|53300)$/;

/** node-postgres says these in words only. */
const UNAVAILABLE_WORDS = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed|Connection closed/i;

export function isConnectionFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || UNAVAILABLE_STATES.test(code))) return true;
  return UNAVAILABLE_WORDS.test(error.message);
}

/**
 * A database that is out of reach becomes STORE_UNAVAILABLE (the chat buffers, the API answers 503 with that
 * code); anything else is passed on as it is.
 */
export function asStoreError(error: unknown): unknown {
  if (!isConnectionFailure(error)) return error;
  const code = (error as { code?: unknown }).code;
  return new StoreError('STORE_UNAVAILABLE', `The database is not reachable (${typeof code === 'string' ? code : 'connection lost'}).`, { cause: error });
}
