import { ERROR_DEFAULTS, type ChatMessage, type Conversation, type ErrorEvent, type ServerEvent, type ToolCall } from '@netbox-chatbox/protocol';
import { isRetryLater } from './retry-later.ts';
import type { AnswerPart, AnswerState, ThreadState, ToolPart, Turn, TurnError } from './thread-state.ts';

/**
 * Pure state transitions of one conversation's thread. Every function returns a new state (or the same one
 * when nothing changed) and never mutates its input; turns that did not change keep their identity, so the UI
 * re-renders only the turn being written.
 */

/** The user pressed send: the question shows at once, as queued, until the server's turn_start. */
export function addLocalTurn(state: ThreadState, clientMessageId: string, content: string): ThreadState {
  if (state.turns.some((t) => t.clientMessageId === clientMessageId)) return state;
  const turn: Turn = { key: `local:${clientMessageId}`, turnId: null, clientMessageId, source: 'local', question: content, parts: [], state: 'queued' };
  return { ...state, turns: [...state.turns, turn] };
}

/** Drops a turn that never reached the server (retrying it sends it as a new one). */
export function removeTurn(state: ThreadState, key: string): ThreadState {
  const turns = state.turns.filter((t) => t.key !== key);
  return turns.length === state.turns.length ? state : { ...state, turns };
}

/** One protocol event. Events whose seq is not above the last one applied are replays and change nothing. */
export function applyEvent(state: ThreadState, event: ServerEvent): ThreadState {
  if ('seq' in event && event.seq !== undefined) {
    if (event.conversationId !== undefined && state.conversationId !== null && event.conversationId !== state.conversationId) return state;
    if (event.seq <= state.lastSeq) return state;
    state = { ...state, lastSeq: event.seq };
  }
  switch (event.type) {
    case 'conversation':
      return { ...state, conversationId: state.conversationId ?? event.conversationId, title: event.title };
    case 'turn_start':
      return turnStart(state, event.turnId, event.messageId, event.content, event.clientMessageId);
    case 'text':
      if (event.turnId === undefined || event.content === '') return state;
      return onTurn(state, event.turnId, (turn) => ({ ...withoutWaiting(turn), parts: appendText(turn.parts, 'text', event.content) }));
    case 'text_reset':
      return onTurn(state, event.turnId, (turn) => ({ ...turn, parts: cutText(turn.parts, event.length) }));
    case 'thinking':
      if (event.content === '') return state;
      return onTurn(state, event.turnId, (turn) => ({ ...withoutWaiting(turn), parts: appendText(turn.parts, 'reasoning', event.content) }));
    case 'tool_use':
      return onTurn(state, event.turnId, (turn) => {
        if (turn.parts.some((p) => p.kind === 'tool' && p.toolUseId === event.toolUseId)) return turn;
        const part: ToolPart = {
          kind: 'tool',
          toolUseId: event.toolUseId,
          name: event.name,
          input: event.input,
          summary: event.summary,
          status: 'running',
          queries: [],
          links: {},
        };
        return { ...withoutWaiting(turn), parts: [...turn.parts, part] };
      });
    case 'tool_result':
      return onTurn(state, event.turnId, (turn) => {
        const result = {
          status: event.isError ? 'error' : 'done',
          resultSummary: event.summary,
          truncated: event.truncated,
          queries: event.queries,
          links: event.links,
          ...(event.rows === undefined ? {} : { rows: event.rows }),
          ...(event.total === undefined ? {} : { total: event.total }),
          ...(event.durationMs === undefined ? {} : { durationMs: event.durationMs }),
        } as const;
        const index = turn.parts.findIndex((p) => p.kind === 'tool' && p.toolUseId === event.toolUseId);
        if (index < 0) {
          const part: ToolPart = { kind: 'tool', toolUseId: event.toolUseId, name: '', input: {}, summary: '', ...result };
          return { ...turn, parts: [...turn.parts, part] };
        }
        const parts = turn.parts.slice();
        parts[index] = { ...(parts[index] as ToolPart), ...result };
        return { ...turn, parts };
      });
    case 'notice':
      return onTurn(state, event.turnId, (turn) => ({
        ...turn,
        notice: { code: event.code, message: event.message },
        ...(event.code === 'TOOL_SLOW' && event.toolUseId ? { parts: markSlow(turn.parts, event.toolUseId) } : {}),
      }));
    case 'done':
      return onTurn(
        state,
        event.turnId,
        (turn) => ({
          ...endParts(turn),
          state: event.stopReason === 'stopped' ? 'stopped' : 'done',
          usage: event.usage,
          costUsd: event.costUsd,
          durationMs: event.durationMs,
          stopReason: event.stopReason,
          ...(event.messageId ? { answerId: event.messageId } : {}),
        }),
        true,
      );
    case 'error':
      return onError(state, event);
    case 'busy': {
      if (event.turnId === undefined) return state;
      const index = state.turns.findIndex((t) => t.turnId === event.turnId);
      const turn = state.turns[index];
      if (!turn || !(turn.state === 'streaming' || turn.state === 'queued')) return state;
      return replaceAt(state, index, { ...turn, queuePosition: event.position });
    }
    case 'resumed':
      if (event.reload) return { ...state, loaded: true, needsReload: true, lastSeq: Math.max(state.lastSeq, event.lastSeq) };
      return state.loaded ? state : { ...state, loaded: true };
    default:
      return state;
  }
}

/**
 * The conversation as loaded over HTTP. Turns already built from their events stay as they are (they are exact;
 * the stored text of a running answer lags up to a second behind); the rest come from the snapshot, in its
 * order, followed by anything newer than it.
 */
export function applySnapshot(state: ThreadState, conversation: Conversation): ThreadState {
  const fromSnapshot = snapshotTurns(conversation.messages);
  const byTurnId = new Map(state.turns.filter((t) => t.turnId !== null).map((t) => [t.turnId as string, t]));
  const seen = new Set<string>();
  const turns: Turn[] = [];
  for (const snap of fromSnapshot) {
    const existing = byTurnId.get(snap.turnId as string);
    seen.add(snap.turnId as string);
    if (existing && existing.source === 'events') turns.push(existing);
    else if (existing) {
      // A rebuild under way goes on; only a finished snapshot turn may stand in for it meanwhile.
      const shadow = existing.shadow && isFinal(snap.state) ? { shadow: existing.shadow } : {};
      turns.push({ ...snap, key: existing.key, ...(existing.clientMessageId ? { clientMessageId: existing.clientMessageId } : {}), ...shadow });
    } else turns.push(snap);
  }
  for (const turn of state.turns) {
    if (turn.turnId === null || !seen.has(turn.turnId)) turns.push(turn);
  }
  return {
    ...state,
    conversationId: conversation.id,
    title: conversation.title,
    turns,
    loaded: true,
    needsReload: false,
    notFound: false,
    loadError: null,
  };
}

/** The conversation does not exist (or is not this user's). */
export function markNotFound(state: ThreadState): ThreadState {
  return { ...state, loaded: true, notFound: true };
}

function turnStart(state: ThreadState, turnId: string, messageId: string, content: string, clientMessageId: string | undefined): ThreadState {
  const fresh = (key: string): Turn => ({
    key,
    turnId,
    ...(clientMessageId ? { clientMessageId } : {}),
    source: 'events',
    question: content,
    questionId: messageId,
    parts: [],
    state: 'streaming',
  });
  const local = clientMessageId === undefined ? -1 : state.turns.findIndex((t) => t.clientMessageId === clientMessageId && t.turnId === null);
  if (local >= 0) return replaceAt(state, local, fresh((state.turns[local] as Turn).key));
  const index = state.turns.findIndex((t) => t.turnId === turnId);
  const existing = state.turns[index];
  if (!existing) return { ...state, turns: [...state.turns, fresh(turnId)] };
  // A snapshot turn whose events are now replayed from the start: rebuilt from them, exactly. A finished one
  // stays on screen while that happens; a running one (its stored text lags) is replaced at once.
  if (existing.source === 'snapshot') {
    if (isFinal(existing.state)) return replaceAt(state, index, { ...existing, shadow: fresh(existing.key) });
    return replaceAt(state, index, fresh(existing.key));
  }
  return state;
}

/**
 * Applies `change` to the turn the event is about, when its content is built from events. Events of a turn
 * known only from the snapshot (or not at all) cannot be placed in its text; when such a turn ends (`ends`),
 * or when the turn is unknown, the thread asks for the snapshot again.
 */
function onTurn(state: ThreadState, turnId: string, change: (turn: Turn) => Turn, ends = false): ThreadState {
  const index = state.turns.findIndex((t) => t.turnId === turnId);
  const turn = state.turns[index];
  if (!turn) return state.needsReload ? state : { ...state, needsReload: true };
  if (turn.shadow) {
    if (turn.shadow.state !== 'streaming') return state;
    const shadow = change(turn.shadow);
    return replaceAt(state, index, isFinal(shadow.state) ? shadow : { ...turn, shadow });
  }
  if (turn.source !== 'events') return ends && !state.needsReload ? { ...state, needsReload: true } : state;
  if (turn.state !== 'streaming') return state;
  const next = change(turn);
  return next === turn ? state : replaceAt(state, index, next);
}

function onError(state: ThreadState, event: ErrorEvent): ThreadState {
  const error: TurnError = { code: event.code, message: event.message, retryable: event.retryable };
  if (event.turnId !== undefined) {
    return onTurn(state, event.turnId, (turn) => ({ ...endParts(turn), state: 'error', error }), true);
  }
  if (event.clientMessageId !== undefined) {
    const index = state.turns.findIndex((t) => t.clientMessageId === event.clientMessageId && t.turnId === null);
    const turn = state.turns[index];
    if (!turn) return state;
    if (isRetryLater(event)) return replaceAt(state, index, { ...turn, notice: { code: event.code, message: RETRY_LATER_WORDS[event.code] ?? event.message } });
    return replaceAt(state, index, { ...turn, state: 'error', error });
  }
  if (event.code === 'NOT_FOUND' && event.conversationId !== undefined && event.conversationId === state.conversationId) return markNotFound(state);
  return state;
}

/** What the answer still shows as running when the turn ends did not finish. */
function endParts(turn: Turn): Turn {
  const { notice: _notice, queuePosition: _queue, ...rest } = turn;
  if (!turn.parts.some((p) => p.kind === 'tool' && p.status === 'running')) return rest;
  const parts = turn.parts.map((p): AnswerPart => (p.kind === 'tool' && p.status === 'running' ? { ...p, status: 'error', resultSummary: p.resultSummary ?? 'Did not finish.' } : p));
  return { ...rest, parts };
}

function isFinal(state: AnswerState): boolean {
  return state === 'done' || state === 'error' || state === 'stopped';
}

function withoutWaiting(turn: Turn): Turn {
  if (turn.queuePosition === undefined && turn.notice === undefined) return turn;
  const { queuePosition: _queue, notice: _notice, ...rest } = turn;
  return rest;
}

function appendText(parts: readonly AnswerPart[], kind: 'text' | 'reasoning', text: string): AnswerPart[] {
  const last = parts.at(-1);
  if (last && last.kind === kind) return [...parts.slice(0, -1), { kind, text: last.text + text }];
  return [...parts, { kind, text }];
}

/** The answer's text cut back to its first `length` characters (a failed model attempt taken back); tools stay. */
function cutText(parts: readonly AnswerPart[], length: number): AnswerPart[] {
  let kept = 0;
  const result: AnswerPart[] = [];
  for (const part of parts) {
    if (part.kind !== 'text') {
      result.push(part);
      continue;
    }
    const room = Math.max(0, length - kept);
    if (room === 0) continue;
    result.push(part.text.length <= room ? part : { kind: 'text', text: part.text.slice(0, room) });
    kept += Math.min(part.text.length, room);
  }
  return result;
}

function markSlow(parts: readonly AnswerPart[], toolUseId: string): AnswerPart[] {
  return parts.map((part) => (part.kind === 'tool' && part.toolUseId === toolUseId && part.status === 'running' ? { ...part, slow: true } : part));
}

function replaceAt(state: ThreadState, index: number, turn: Turn): ThreadState {
  const turns = state.turns.slice();
  turns[index] = turn;
  return { ...state, turns };
}

function snapshotTurns(messages: readonly ChatMessage[]): Turn[] {
  const turns: Turn[] = [];
  const byTurnId = new Map<string, number>();
  for (const message of messages) {
    const turnId = message.turnId ?? message.id;
    let index = byTurnId.get(turnId);
    if (index === undefined) {
      index = turns.length;
      byTurnId.set(turnId, index);
      turns.push({ key: turnId, turnId, source: 'snapshot', question: '', parts: [], state: 'streaming' });
    }
    const turn = turns[index] as Turn;
    if (message.role === 'user') {
      turns[index] = { ...turn, question: message.content, questionId: message.id };
      continue;
    }
    const parts: AnswerPart[] = message.toolCalls.map(toolPart);
    if (message.content !== '') parts.push({ kind: 'text', text: message.content });
    const error = message.error ? { code: message.error.code, message: message.error.message, retryable: ERROR_DEFAULTS[message.error.code].retryable } : undefined;
    turns[index] = {
      ...turn,
      answerId: message.id,
      parts,
      state: STATUS_TO_STATE[message.status],
      ...(message.usage ? { usage: message.usage } : {}),
      ...(message.costUsd === undefined ? {} : { costUsd: message.costUsd }),
      ...(message.durationMs === undefined ? {} : { durationMs: message.durationMs }),
      ...(message.status === 'stopped' ? { stopReason: 'stopped' as const } : {}),
      ...(error ? { error } : {}),
    };
  }
  return turns;
}

const RETRY_LATER_WORDS: Partial<Record<ErrorEvent['code'], string>> = {
  BUSY: 'The server is at capacity; your message will be sent again in a moment.',
  TURN_IN_PROGRESS: 'An answer is still being written in this conversation; your message will be sent when it ends.',
};

const STATUS_TO_STATE: Record<ChatMessage['status'], AnswerState> = {
  complete: 'done',
  running: 'streaming',
  stopped: 'stopped',
  error: 'error',
};

function toolPart(call: ToolCall): ToolPart {
  return {
    kind: 'tool',
    toolUseId: call.id,
    name: call.name,
    input: call.input,
    summary: call.summary,
    status: call.status === 'ok' ? 'done' : call.status,
    queries: call.queries,
    links: call.links,
    ...(call.resultSummary === undefined ? {} : { resultSummary: call.resultSummary }),
    ...(call.rows === undefined ? {} : { rows: call.rows }),
    ...(call.total === undefined ? {} : { total: call.total }),
    ...(call.truncated === undefined ? {} : { truncated: call.truncated }),
    ...(call.durationMs === undefined ? {} : { durationMs: call.durationMs }),
  };
}
