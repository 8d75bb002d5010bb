import type { ErrorCode, ResultLinks, StopReason, Usage } from '@netbox-chatbox/protocol';

/**
 * One conversation as the UI shows it: turns, each the user's question and the answer's parts in the order they
 * happened. Built from protocol events (live or replayed) and from the HTTP snapshot of the conversation.
 */

/** queued: not acknowledged by the server yet. streaming: the answer is being written. */
export type AnswerState = 'queued' | 'streaming' | 'done' | 'error' | 'stopped';

export interface TextPart {
  readonly kind: 'text';
  readonly text: string;
}

export interface ReasoningPart {
  readonly kind: 'reasoning';
  readonly text: string;
}

export type ToolStatus = 'running' | 'done' | 'error';

export interface ToolPart {
  readonly kind: 'tool';
  readonly toolUseId: string;
  readonly name: string;
  readonly input: Readonly<Record<string, unknown>>;
  /** The server's own words for the call, e.g. "dcim.device where site=dc1". */
  readonly summary: string;
  readonly status: ToolStatus;
  readonly resultSummary?: string;
  readonly rows?: number;
  readonly total?: number;
  readonly truncated?: boolean;
  readonly queries: readonly string[];
  readonly links: ResultLinks;
  readonly durationMs?: number;
  /** Still running after the server called it slow (NetBox taking its time): not a failure. */
  readonly slow?: boolean;
}

export type AnswerPart = TextPart | ReasoningPart | ToolPart;

export interface TurnError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly retryable: boolean;
}

/**
 * Where a turn's content came from. local: typed here, not acknowledged yet. events: built from its
 * turn_start on, so complete and exact. snapshot: from the HTTP load; events for it without its turn_start
 * cannot be placed, so it is reloaded when it ends.
 */
export type TurnSource = 'local' | 'events' | 'snapshot';

export interface Turn {
  /** Stable for the life of the turn on this page (the Vue key): its turnId, or `local:<clientMessageId>`. */
  readonly key: string;
  readonly turnId: string | null;
  readonly clientMessageId?: string;
  readonly source: TurnSource;
  /** The user's message, exactly as sent. */
  readonly question: string;
  readonly questionId?: string;
  readonly answerId?: string;
  readonly parts: readonly AnswerPart[];
  readonly state: AnswerState;
  readonly usage?: Usage;
  readonly costUsd?: number;
  readonly durationMs?: number;
  readonly stopReason?: StopReason;
  readonly error?: TurnError;
  /** Worth showing while the turn runs or waits, e.g. "The AI model is overloaded; retrying". */
  readonly notice?: { readonly code: string; readonly message: string };
  /** Waiting for a free model session: 1 = next. */
  readonly queuePosition?: number;
  /**
   * A finished snapshot turn being rebuilt from its replayed events: shown in its place once complete, so a
   * reload does not blank and re-stream answers that are already on screen.
   */
  readonly shadow?: Turn;
}

export interface ThreadState {
  readonly conversationId: string | null;
  readonly title: string | null;
  /** The newest event seq applied; events at or below it are replays and ignored. */
  readonly lastSeq: number;
  readonly turns: readonly Turn[];
  /** The snapshot or a replay has arrived, so an empty list really is empty. */
  readonly loaded: boolean;
  /** Something only the HTTP snapshot can fill in happened (resumed.reload, events of an unknown turn). */
  readonly needsReload: boolean;
  readonly notFound: boolean;
  /** Loading the snapshot failed, in words; cleared by the next load. */
  readonly loadError: string | null;
}

export function emptyThread(conversationId: string | null): ThreadState {
  return { conversationId, title: null, lastSeq: 0, turns: [], loaded: conversationId === null, needsReload: false, notFound: false, loadError: null };
}

export function isActive(turn: Turn): boolean {
  return turn.state === 'queued' || turn.state === 'streaming';
}

/** The answer's Markdown: its text parts as streamed (the server stores the same concatenation). */
export function answerText(turn: Turn): string {
  return turn.parts
    .filter((part): part is TextPart => part.kind === 'text')
    .map((part) => part.text)
    .join('');
}

/** The newest turn still waiting or being written, if any. */
export function activeTurn(state: ThreadState): Turn | undefined {
  return state.turns.findLast(isActive);
}
