import type { Conversation, ServerEvent } from '@netbox-chatbox/protocol';
import { describe, expect, it } from 'vitest';
import { addLocalTurn, applyEvent, applySnapshot, removeTurn } from '../../app/utils/chat/thread-reducer.ts';
import { activeTurn, answerText, emptyThread, type ThreadState, type ToolPart } from '../../app/utils/chat/thread-state.ts';

const C = 'c1';
const T = 't1';

/** A turn's events as the server sends them, with seqs from `first`. */
function turnEvents(first = 1, turnId = T, clientMessageId?: string): ServerEvent[] {
  const ids = { conversationId: C, turnId };
  const events: ServerEvent[] = [
    { type: 'turn_start', ...ids, seq: 0, messageId: `u-${turnId}`, content: 'which devices are in site dc1?', ...(clientMessageId ? { clientMessageId } : {}) },
    { type: 'thinking', ...ids, seq: 0, content: 'The user wants ' },
    { type: 'thinking', ...ids, seq: 0, content: 'devices.' },
    { type: 'text', ...ids, seq: 0, content: "I'll look ", completed: false },
    { type: 'text', ...ids, seq: 0, content: 'that up.', completed: false },
    { type: 'tool_use', ...ids, seq: 0, toolUseId: 'toolu_1', name: 'mcp__netbox__netbox_get_objects', input: { object_type: 'dcim.device', filters: { site: 'dc1' } }, summary: 'dcim.device where site=dc1' },
    {
      type: 'tool_result',
      ...ids,
      seq: 0,
      toolUseId: 'toolu_1',
      isError: false,
      summary: '12 devices',
      rows: 12,
      total: 12,
      truncated: false,
      queries: ['/api/dcim/devices/?site=dc1&limit=50'],
      links: { list: 'https://netbox.example.com/dcim/devices/?site=dc1' },
      durationMs: 40,
    },
    { type: 'text', ...ids, seq: 0, content: 'There are ', completed: false },
    { type: 'text', ...ids, seq: 0, content: '12 devices.', completed: false },
    { type: 'text', ...ids, seq: 0, content: '', completed: true },
    { type: 'done', ...ids, seq: 0, messageId: `a-${turnId}`, usage: { input_tokens: 2100, output_tokens: 80 }, costUsd: 0.0042, durationMs: 2300, stopReason: 'end_turn' },
  ];
  return events.map((event, i) => ({ ...event, seq: first + i }) as ServerEvent);
}

function fold(state: ThreadState, events: readonly ServerEvent[]): ThreadState {
  return events.reduce(applyEvent, state);
}

const start = (): ThreadState => ({ ...emptyThread(C), loaded: true });

describe('thread reducer', () => {
  it('assembles a streamed answer: reasoning, text, the tool call with its result, then done', () => {
    const events = turnEvents();
    const state = fold(start(), events);
    expect(state.lastSeq).toBe(events.length);
    const [turn] = state.turns;
    expect(turn).toMatchObject({ turnId: T, question: 'which devices are in site dc1?', state: 'done', costUsd: 0.0042, durationMs: 2300, stopReason: 'end_turn', answerId: 'a-t1' });
    expect(turn?.usage).toEqual({ input_tokens: 2100, output_tokens: 80 });
    expect(turn?.parts.map((p) => p.kind)).toEqual(['reasoning', 'text', 'tool', 'text']);
    expect(turn?.parts[0]).toEqual({ kind: 'reasoning', text: 'The user wants devices.' });
    const tool = turn?.parts[2] as ToolPart;
    expect(tool).toMatchObject({ status: 'done', rows: 12, total: 12, resultSummary: '12 devices', links: { list: 'https://netbox.example.com/dcim/devices/?site=dc1' } });
    expect(answerText(turn!)).toBe("I'll look that up.There are 12 devices.");
    expect(activeTurn(state)).toBeUndefined();
  });

  it('shows the tool as running until its result comes', () => {
    const events = turnEvents().slice(0, 6);
    const state = fold(start(), events);
    expect(state.turns[0]?.state).toBe('streaming');
    expect((state.turns[0]?.parts.at(-1) as ToolPart).status).toBe('running');
    expect(activeTurn(state)?.turnId).toBe(T);
  });

  it('takes back the text of a model attempt that failed midway (text_reset), keeping the tool call, and then shows the retry’s', () => {
    const ids = { conversationId: C, turnId: T };
    const events = turnEvents().slice(0, 9); // … the tool's result and "There are "
    const last = events.length;
    const state = fold(start(), [
      ...events,
      { type: 'text', ...ids, seq: last + 1, content: '12 dev', completed: false },
      { type: 'text_reset', ...ids, seq: last + 2, length: "I'll look that up.".length },
      { type: 'notice', ...ids, seq: last + 3, code: 'MODEL_RETRYING', message: 'The AI model did not answer; retrying (attempt 1 of 4).' },
      { type: 'text', ...ids, seq: last + 4, content: 'There are 12 devices.', completed: false },
    ]);
    const turn = state.turns[0]!;
    expect(turn.parts.map((p) => p.kind)).toEqual(['reasoning', 'text', 'tool', 'text']);
    expect(answerText(turn)).toBe("I'll look that up.There are 12 devices.");
    // Back to nothing at all: the reasoning and the tool card stay.
    const none = applyEvent(state, { type: 'text_reset', ...ids, seq: last + 5, length: 0 });
    expect(none.turns[0]?.parts.map((p) => p.kind)).toEqual(['reasoning', 'tool']);
    expect(answerText(none.turns[0]!)).toBe('');
  });

  it('marks a tool call NetBox is slow to answer as slow, not failed', () => {
    const ids = { conversationId: C, turnId: T };
    const events = turnEvents().slice(0, 6);
    const state = applyEvent(fold(start(), events), { type: 'notice', ...ids, seq: 7, code: 'TOOL_SLOW', toolUseId: 'toolu_1', message: 'NetBox is slow to answer; still waiting (5 s so far).' });
    const tool = state.turns[0]?.parts.at(-1) as ToolPart;
    expect(tool).toMatchObject({ status: 'running', slow: true });
    expect(state.turns[0]?.notice).toEqual({ code: 'TOOL_SLOW', message: 'NetBox is slow to answer; still waiting (5 s so far).' });
    expect(state.turns[0]?.state).toBe('streaming');
  });

  it('ignores a replay of what it has seen, so a reconnect never doubles text', () => {
    const events = turnEvents();
    const firstHalf = fold(start(), events.slice(0, 8));
    // The socket came back and the server replays from an older seq, overlapping what was already applied.
    const replayed = fold(firstHalf, events.slice(3));
    expect(replayed).toEqual(fold(start(), events));
    expect(answerText(replayed.turns[0]!)).toBe("I'll look that up.There are 12 devices.");
  });

  it('drops duplicates and anything older than the last seq, arriving in any order', () => {
    const events = turnEvents();
    const shuffled = [events[0]!, events[1]!, events[1]!, events[3]!, events[2]!, events[3]!, ...events.slice(4)];
    const state = fold(start(), shuffled);
    // thinking seq 3 came after seq 4: too late, dropped; nothing appears twice.
    expect(state.turns[0]?.parts[0]).toEqual({ kind: 'reasoning', text: 'The user wants ' });
    expect(answerText(state.turns[0]!)).toBe("I'll look that up.There are 12 devices.");
    expect(state.turns).toHaveLength(1);
    expect(state.lastSeq).toBe(events.length);
  });

  it('replaces the optimistic question with the recorded one, keeping its key', () => {
    const local = addLocalTurn(start(), 'm1', 'which devices are in site dc1?');
    expect(local.turns[0]).toMatchObject({ key: 'local:m1', state: 'queued', turnId: null });
    const started = applyEvent(local, turnEvents(1, T, 'm1')[0]!);
    expect(started.turns).toHaveLength(1);
    expect(started.turns[0]).toMatchObject({ key: 'local:m1', turnId: T, state: 'streaming', source: 'events', clientMessageId: 'm1' });
  });

  it('ends a stopped turn as stopped, keeping the partial answer, and closes running tools', () => {
    const events = turnEvents().slice(0, 6);
    const stopped = fold(start(), [
      ...events,
      { type: 'text', conversationId: C, turnId: T, seq: 7, content: '', completed: true },
      { type: 'done', conversationId: C, turnId: T, seq: 8, usage: { input_tokens: 10, output_tokens: 2 }, costUsd: 0, durationMs: 900, stopReason: 'stopped' },
    ]);
    const turn = stopped.turns[0]!;
    expect(turn.state).toBe('stopped');
    expect(answerText(turn)).toBe("I'll look that up.");
    expect((turn.parts.at(-1) as ToolPart).status).toBe('error');
  });

  it('ends a failed turn with its error, code and whether a retry may work', () => {
    const events = turnEvents().slice(0, 5);
    const failed = fold(start(), [
      ...events,
      { type: 'text', conversationId: C, turnId: T, seq: 6, content: '', completed: true },
      { type: 'error', conversationId: C, turnId: T, seq: 7, code: 'NETBOX_UNREACHABLE', message: 'NetBox could not be reached.', retryable: true },
    ]);
    expect(failed.turns[0]).toMatchObject({ state: 'error', error: { code: 'NETBOX_UNREACHABLE', message: 'NetBox could not be reached.', retryable: true } });
    expect(answerText(failed.turns[0]!)).toBe("I'll look that up.");
  });

  it('marks a message the server refused before it started, and keeps BUSY as waiting', () => {
    const local = addLocalTurn(addLocalTurn(start(), 'm1', 'one'), 'm2', 'two');
    const refused = applyEvent(local, { type: 'error', code: 'MODEL_NOT_CONFIGURED', message: 'No model.', retryable: false, clientMessageId: 'm1' });
    expect(refused.turns[0]).toMatchObject({ state: 'error', error: { code: 'MODEL_NOT_CONFIGURED', retryable: false } });
    const busy = applyEvent(refused, { type: 'error', code: 'BUSY', message: 'At capacity.', retryable: true, clientMessageId: 'm2' });
    expect(busy.turns[1]?.state).toBe('queued');
    expect(busy.turns[1]?.notice?.code).toBe('BUSY');
    expect(removeTurn(busy, 'local:m1').turns.map((t) => t.key)).toEqual(['local:m2']);
  });

  it('shows the queue position while the turn waits for a model session, and notices', () => {
    const [startEvent] = turnEvents();
    let state = fold(start(), [startEvent!, { type: 'busy', conversationId: C, turnId: T, position: 2 }]);
    expect(state.turns[0]?.queuePosition).toBe(2);
    state = applyEvent(state, { type: 'notice', conversationId: C, turnId: T, seq: 2, code: 'MODEL_RETRYING', message: 'Retrying.' });
    expect(state.turns[0]?.notice?.code).toBe('MODEL_RETRYING');
    state = applyEvent(state, { type: 'text', conversationId: C, turnId: T, seq: 3, content: 'Hi', completed: false });
    expect(state.turns[0]?.queuePosition).toBeUndefined();
    expect(state.turns[0]?.notice).toBeUndefined();
  });

  it('takes the title from the conversation event, and ignores other conversations', () => {
    let state = applyEvent(emptyThread(C), { type: 'conversation', conversationId: C, title: 'Devices in dc1', seq: 1 });
    expect(state.title).toBe('Devices in dc1');
    state = applyEvent(state, { type: 'conversation', conversationId: 'other', title: 'Nope', seq: 2 });
    expect(state.title).toBe('Devices in dc1');
  });

  it('asks for the snapshot on resumed.reload and on events of a turn it does not know', () => {
    const reload = applyEvent(start(), { type: 'resumed', conversationId: C, lastSeq: 40, turnRunning: false, reload: true });
    expect(reload).toMatchObject({ needsReload: true, lastSeq: 40 });
    const unknown = applyEvent(start(), { type: 'text', conversationId: C, turnId: 'tx', seq: 5, content: 'orphan', completed: false });
    expect(unknown.needsReload).toBe(true);
    expect(unknown.turns).toHaveLength(0);
  });
});

describe('thread snapshot merge', () => {
  const snapshot: Conversation = {
    id: C,
    title: 'Devices in dc1',
    createdAt: '2025-03-01T10:00:00.000Z',
    updatedAt: '2025-03-01T10:00:04.000Z',
    messages: [
      { id: 'u0', role: 'user', content: 'hi', toolCalls: [], createdAt: '2025-03-01T10:00:00.000Z', usage: null, status: 'complete', turnId: 't0' },
      {
        id: 'a0',
        role: 'assistant',
        content: 'Hello.',
        toolCalls: [],
        createdAt: '2025-03-01T10:00:01.000Z',
        usage: { input_tokens: 5, output_tokens: 1 },
        status: 'complete',
        turnId: 't0',
        costUsd: 0.001,
        durationMs: 500,
      },
      { id: 'u-t1', role: 'user', content: 'which devices are in site dc1?', toolCalls: [], createdAt: '2025-03-01T10:00:02.000Z', usage: null, status: 'complete', turnId: T },
      {
        id: 'a-t1',
        role: 'assistant',
        content: "I'll look that up.",
        toolCalls: [
          { id: 'toolu_1', name: 'mcp__netbox__netbox_get_objects', input: { object_type: 'dcim.device' }, summary: 's', status: 'running', queries: [], links: {} },
        ],
        createdAt: '2025-03-01T10:00:03.000Z',
        usage: null,
        status: 'running',
        turnId: T,
      },
    ],
  };

  it('loads finished and running turns from the snapshot', () => {
    const state = applySnapshot(emptyThread(C), snapshot);
    expect(state).toMatchObject({ loaded: true, title: 'Devices in dc1', needsReload: false });
    expect(state.turns.map((t) => [t.turnId, t.state, t.source])).toEqual([
      ['t0', 'done', 'snapshot'],
      [T, 'streaming', 'snapshot'],
    ]);
    expect(state.turns[0]).toMatchObject({ question: 'hi', costUsd: 0.001 });
    expect(state.turns[1]?.parts.map((p) => p.kind)).toEqual(['tool', 'text']);
  });

  it('rebuilds a snapshot turn exactly from its replayed events, whichever arrives first', () => {
    const events = [{ type: 'conversation', conversationId: C, title: 'Devices in dc1', seq: 1 } as ServerEvent, ...turnEvents(2)];
    const snapshotFirst = fold(applySnapshot(emptyThread(C), snapshot), events);
    const eventsFirst = applySnapshot(fold(emptyThread(C), events), snapshot);
    for (const state of [snapshotFirst, eventsFirst]) {
      expect(state.turns.map((t) => t.turnId)).toEqual(['t0', T]);
      expect(state.turns[1]).toMatchObject({ source: 'events', state: 'done' });
      expect(answerText(state.turns[1]!)).toBe("I'll look that up.There are 12 devices.");
    }
  });

  it('keeps a finished snapshot turn on screen while its replay rebuilds it, then shows the rebuilt one', () => {
    const loaded = applySnapshot(emptyThread(C), snapshot);
    const t0 = turnEvents(1, 't0');
    const midway = fold(loaded, t0.slice(0, 6));
    expect(midway.turns[0]).toMatchObject({ source: 'snapshot', state: 'done', parts: [{ kind: 'text', text: 'Hello.' }] });
    expect(midway.turns[0]?.shadow?.state).toBe('streaming');
    expect(activeTurn({ ...midway, turns: [midway.turns[0]!] })).toBeUndefined();
    const rebuilt = fold(midway, t0.slice(6));
    expect(rebuilt.turns[0]).toMatchObject({ key: 't0', source: 'events', state: 'done' });
    expect(rebuilt.turns[0]?.shadow).toBeUndefined();
    expect(rebuilt.turns[0]?.parts.map((p) => p.kind)).toEqual(['reasoning', 'text', 'tool', 'text']);
  });

  it('reloads a snapshot turn when it ends, since its text cannot be completed from events alone', () => {
    const state = applySnapshot(emptyThread(C), snapshot);
    const ended = applyEvent(state, { type: 'done', conversationId: C, turnId: T, seq: 30, usage: { input_tokens: 1, output_tokens: 1 }, costUsd: 0, durationMs: 1, stopReason: 'end_turn' });
    expect(ended.needsReload).toBe(true);
    const text = applyEvent(state, { type: 'text', conversationId: C, turnId: T, seq: 31, content: 'more', completed: false });
    expect(answerText(text.turns[1]!)).toBe("I'll look that up.");
  });

  it('keeps local messages not yet in the snapshot at the end', () => {
    const local = addLocalTurn(emptyThread(C), 'm9', 'later question');
    const state = applySnapshot(local, snapshot);
    expect(state.turns.map((t) => t.key)).toEqual(['t0', T, 'local:m9']);
  });
});
