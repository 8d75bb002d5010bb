import { ConversationListItemSchema, ConversationListSchema, type ConversationListItem, type ServerEvent } from '@netbox-chatbox/protocol';
import { computed, reactive, watch } from 'vue';
import { ApiError } from '~/utils/shell/api-error';
import { apiJson, apiRequest } from '~/utils/shell/api';
import { fileNameFrom } from '~/utils/shell/download-name';

type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

const PAGE_SIZE = 200;
/** Enough for a sidebar; older conversations stay reachable by URL. */
const MAX_PAGES = 5;
/** Events often come in bursts (conversation + turn_start): one list load for the lot. */
const REFRESH_DEBOUNCE_MS = 250;

const state = reactive<{ items: ConversationListItem[]; status: LoadStatus; error: string | null }>({ items: [], status: 'idle', error: null });
let started = false;
let generation = 0;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;

function handleFailure(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401) useAccount().sessionExpired();
    return error.message;
  }
  return 'The conversation list could not be read.';
}

async function refresh(): Promise<void> {
  const mine = ++generation;
  if (state.status !== 'ready') state.status = 'loading';
  try {
    const items: ConversationListItem[] = [];
    let cursor: string | null | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const query = new URLSearchParams({ limit: String(PAGE_SIZE), ...(cursor ? { cursor } : {}) });
      const body = await apiJson(ConversationListSchema, `/api/conversations?${query}`);
      items.push(...body.conversations);
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    // A slower, older load must not overwrite a newer one.
    if (mine !== generation) return;
    state.items = items;
    state.status = 'ready';
    state.error = null;
  } catch (error) {
    if (mine !== generation) return;
    state.error = handleFailure(error);
    state.status = 'error';
  }
}

function scheduleRefresh(): void {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => void refresh(), REFRESH_DEBOUNCE_MS);
}

/** Shows a new or renamed conversation at once; the list is reloaded shortly after for the server's own times. */
function applyEvent(event: ServerEvent): void {
  if (event.type === 'conversation') {
    const known = state.items.find((item) => item.id === event.conversationId);
    if (known) known.title = event.title;
    else {
      const now = new Date().toISOString();
      state.items.unshift({ id: event.conversationId, title: event.title, createdAt: now, updatedAt: now });
    }
    scheduleRefresh();
  } else if (event.type === 'turn_start') {
    // A new question moves its conversation to the top. The server's time decides, not ours: opening a
    // conversation replays its old turn_start events, which must not move it.
    scheduleRefresh();
  }
}

function start(): void {
  if (started || typeof window === 'undefined') return;
  started = true;
  const socket = useChatSocket();
  socket.onEvent(applyEvent);
  // After a reconnect, events about other conversations may have been missed: read the list again.
  watch(socket.status, (now, before) => {
    if (now === 'open' && before !== undefined && before !== 'open') scheduleRefresh();
  });
  void refresh();
}

async function rename(id: string, title: string): Promise<ConversationListItem> {
  const updated = await apiJson(ConversationListItemSchema, `/api/conversations/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    body: JSON.stringify({ title: title.trim() }),
  }).catch((error: unknown) => {
    handleFailure(error);
    throw error;
  });
  const known = state.items.find((item) => item.id === id);
  if (known) Object.assign(known, { title: updated.title, updatedAt: updated.updatedAt });
  return updated;
}

async function remove(id: string): Promise<void> {
  try {
    await apiRequest(`/api/conversations/${encodeURIComponent(id)}`, { method: 'DELETE' });
  } catch (error) {
    // Already gone (another tab deleted it): the goal is reached.
    if (!(error instanceof ApiError && error.status === 404)) {
      handleFailure(error);
      throw error;
    }
  }
  state.items = state.items.filter((item) => item.id !== id);
}

/** Downloads the conversation as a Markdown file, named as the server names it. */
async function exportMarkdown(id: string): Promise<void> {
  const response = await apiRequest(`/api/conversations/${encodeURIComponent(id)}/export?format=markdown`, { headers: { accept: 'text/markdown' } }).catch(
    (error: unknown) => {
      handleFailure(error);
      throw error;
    },
  );
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileNameFrom(response.headers.get('content-disposition'), `conversation-${id}.md`);
    link.rel = 'noopener';
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // Revoked on the next turn of the event loop: the download has started by then.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}

/**
 * The signed-in user's conversations for the sidebar: loaded once, kept fresh from the chat socket's
 * `conversation` and `turn_start` events, and reloaded after a reconnect.
 */
export function useConversations() {
  start();
  return {
    items: computed(() => state.items as readonly ConversationListItem[]),
    status: computed(() => state.status),
    error: computed(() => state.error),
    find: (id: string | undefined) => (id ? state.items.find((item) => item.id === id) : undefined),
    refresh,
    rename,
    remove,
    exportMarkdown,
  };
}
