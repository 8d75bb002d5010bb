import { ConversationSchema, HttpErrorSchema } from '@netbox-chatbox/protocol';
import { computed, shallowReactive, toValue, type ComputedRef, type MaybeRefOrGetter } from 'vue';
import { activeTurn, emptyThread, type ThreadState, type Turn } from '../utils/chat/thread-state.ts';
import { DRAFT, ThreadStore, type SnapshotResult } from '../utils/chat/thread-store.ts';
import { useChatSocket } from './useChatSocket.ts';

export { DRAFT } from '../utils/chat/thread-store.ts';

interface SharedThreads {
  readonly store: ThreadStore;
  readonly states: Map<string, ThreadState>;
}

let shared: SharedThreads | null = null;

function threads(): SharedThreads {
  if (shared) return shared;
  const socket = useChatSocket();
  const store = new ThreadStore({ socket: socket.client, loadConversation });
  const states = shallowReactive(new Map<string, ThreadState>());
  // At most one render a frame: a streamed answer's chunks, or a replay's thousands of events, that come
  // within one frame are shown together instead of each re-rendering the page on its own.
  const changed = new Set<string>();
  const show = () => {
    for (const key of changed) states.set(key, store.get(key));
    changed.clear();
  };
  const nextFrame = frameBatcher(show);
  store.subscribe((key) => {
    changed.add(key);
    nextFrame();
  });
  shared = { store, states };
  return shared;
}

/**
 * Calls `flush` once at the next animation frame however often it is asked before; a hidden tab draws no
 * frames, so a timer stands in for them there.
 */
function frameBatcher(flush: () => void): () => void {
  let frame: number | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const run = () => {
    if (frame !== null) cancelAnimationFrame(frame);
    if (timer !== null) clearTimeout(timer);
    frame = null;
    timer = null;
    flush();
  };
  return () => {
    if (frame !== null || timer !== null) return;
    frame = requestAnimationFrame(run);
    timer = setTimeout(run, 100);
  };
}

export interface Thread {
  readonly state: ComputedRef<ThreadState>;
  /** For UChatMessages and UChatPromptSubmit: streaming while a turn waits or is written. */
  readonly status: ComputedRef<'ready' | 'streaming'>;
  readonly streaming: ComputedRef<boolean>;
  send(content: string): void;
  stop(): void;
  retry(turn: Turn): void;
  /** Asks the question of `turn` again, as a new turn. */
  regenerate(turn: Turn): void;
  /** Sends an edited version of a question as a new message. */
  editAndResend(turn: Turn, content: string): void;
  /** Calls back when this draft became a conversation (only for the new-chat thread). */
  onAdopt(listener: (conversationId: string) => void): () => void;
}

/** The thread of a conversation (`DRAFT` or null: the new chat), opened and kept up to date. */
export function useThread(conversationId: MaybeRefOrGetter<string | null>): Thread {
  const { store, states } = threads();
  const key = computed(() => toValue(conversationId) ?? DRAFT);
  const state = computed(() => states.get(key.value) ?? store.get(key.value) ?? emptyThread(key.value || null));
  const streaming = computed(() => activeTurn(state.value) !== undefined);
  return {
    state,
    streaming,
    status: computed(() => (streaming.value ? 'streaming' : 'ready')),
    send: (content) => void store.send(key.value, content),
    stop: () => store.stop(key.value),
    retry: (turn) => store.retry(key.value, turn),
    regenerate: (turn) => void store.send(key.value, turn.question),
    editAndResend: (_turn, content) => void store.send(key.value, content),
    onAdopt: (listener) => store.onAdopt(listener),
  };
}

/** Starts showing a conversation: follow it on the socket and load it over HTTP (once per page). */
export function openThread(conversationId: string): void {
  threads().store.open(conversationId);
}

async function loadConversation(conversationId: string): Promise<SnapshotResult> {
  const response = await fetch(`/api/conversations/${encodeURIComponent(conversationId)}`, {
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
  });
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) {
    const parsed = ConversationSchema.safeParse(body);
    if (parsed.success) return { ok: true, conversation: parsed.data };
    return { ok: false, notFound: false, message: 'The server sent a conversation this page cannot read. Reload the page.' };
  }
  const error = HttpErrorSchema.safeParse(body);
  const message = error.success ? error.data.error : `The conversation could not be loaded (HTTP ${response.status}).`;
  return { ok: false, notFound: response.status === 404, message };
}
