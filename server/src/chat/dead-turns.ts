import type { CloseDeadTurn, DeadTurn, StoredEvent } from '../store/index.ts';
import { endToolCalls, foldEvents } from './answer-fold.ts';

export const DEAD_TURN_ERROR = { code: 'INTERNAL', message: 'The server stopped while this answer was being written.', retryable: true } as const;

/**
 * How a turn whose process died is closed: as a failed turn is (the `completed` text, then a retryable
 * INTERNAL error), with its stored answer rebuilt from the events it recorded, which are exactly what any
 * client saw of it. The answer is marked interrupted, so the model hears it was cut off.
 */
export function closeDeadTurn(turn: DeadTurn, events: readonly StoredEvent[]): ReturnType<CloseDeadTurn> {
  const answer = foldEvents(events.map((stored) => stored.event));
  endToolCalls(answer);
  const ids = { conversationId: turn.conversationId, turnId: turn.turnId };
  return {
    closing: [
      { turnId: turn.turnId, event: { type: 'text', ...ids, content: '', completed: true } },
      { turnId: turn.turnId, event: { type: 'error', ...ids, ...DEAD_TURN_ERROR } },
    ],
    answer: {
      content: answer.text,
      toolCalls: answer.toolCalls,
      status: 'error',
      error: { code: DEAD_TURN_ERROR.code, message: DEAD_TURN_ERROR.message },
      interrupted: true,
    },
  };
}
