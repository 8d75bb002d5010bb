/** What went wrong in the store, as a stable code the HTTP and socket layers map onto the protocol's codes. */
export const STORE_ERROR_CODES = [
  /** The database cannot be reached or refused us. */
  'STORE_UNAVAILABLE',
  /** Another server process holds the PGlite directory. */
  'STORE_LOCKED',
  /** A migration failed, or the recorded schema does not match this code's migrations. */
  'MIGRATION_FAILED',
  /** The conversation (or other row) does not exist or belongs to someone else. */
  'NOT_FOUND',
  /** A stored NetBox token cannot be decrypted: SESSION_SECRET changed, or the row was altered. */
  'TOKEN_UNREADABLE',
  /** A pagination cursor that this store did not hand out. */
  'BAD_CURSOR',
  /** This process no longer holds the turn it writes for: it was closed as abandoned by another process. */
  'LEASE_LOST',
] as const;
export type StoreErrorCode = (typeof STORE_ERROR_CODES)[number];

/** Its message is safe to log: no connection string, token or row content. */
export class StoreError extends Error {
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
    this.code = code;
  }
}

export function isStoreError(error: unknown, code?: StoreErrorCode): error is StoreError {
  return error instanceof StoreError && (code === undefined || error.code === code);
}
