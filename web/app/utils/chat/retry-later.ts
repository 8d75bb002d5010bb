import type { ErrorCode, ErrorEvent } from '@netbox-chatbox/protocol';

/**
 * Refusals of a message that mean "not now" rather than "no": the socket client keeps such a message in its
 * outbox and sends it again later, and the thread shows it as waiting instead of failed.
 */
export const RETRY_LATER_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['BUSY', 'TURN_IN_PROGRESS']);

export function isRetryLater(event: ErrorEvent): boolean {
  return event.turnId === undefined && event.clientMessageId !== undefined && RETRY_LATER_CODES.has(event.code);
}
