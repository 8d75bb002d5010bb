import { ConversationSchema, type ServerEvent } from '@netbox-chatbox/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { useTestServer } from '../../../server/test/e2e-server/support/test-server.ts';
import type { KeyValueStorage } from '../../app/utils/chat/outbox.ts';
import { ChatSocketClient, type ChatSocketOptions, type WebSocketConstructor } from '../../app/utils/chat/socket-client.ts';
import { answerText, type ThreadState, type ToolPart } from '../../app/utils/chat/thread-state.ts';
import { DRAFT, ThreadStore, type SnapshotResult } from '../../app/utils/chat/thread-store.ts';

/**
 * The browser's chat client against the real chat server (real Agent SDK and CLI, scripted model, sandbox
 * NetBox, real WebSocket through `ws`): dropped sockets, replay and the offline outbox.
 */

const SLOW_WORDS = Array.from({ length: 120 }, (_, i) => `word${i}`).join(' ');
const server = useTestServer({
  rules: [{ name: 'slow', when: { user: '^slow' }, chunkDelayMs: 25, reply: [{ type: 'text', text: SLOW_WORDS }] }],
});

/** `ws`'s WebSocket, remembering every socket opened so a test can cut one. */
const opened: WebSocket[] = [];
class TrackedWebSocket extends WebSocket {
  constructor(url: string) {
    super(url);
    opened.push(this);
  }
}

const clients: ChatSocketClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});

function newClient(options: Partial<ChatSocketOptions> = {}): ChatSocketClient {
  const client = new ChatSocketClient({
    url: server.wsUrl,
    WebSocket: TrackedWebSocket as unknown as WebSocketConstructor,
    backoff: { baseMs: 100, maxMs: 400, jitter: 0.5 },
    resumeTimeoutMs: 3000,
    ...options,
  });
  clients.push(client);
  return client;
}

async function loadConversation(id: string): Promise<SnapshotResult> {
  const response = await fetch(`${server.url}/api/conversations/${id}`);
  if (!response.ok) return { ok: false, notFound: response.status === 404, message: `HTTP ${response.status}` };
  return { ok: true, conversation: ConversationSchema.parse(await response.json()) };
}

function newStore(client: ChatSocketClient): { store: ThreadStore; adopted: string[] } {
  const store = new ThreadStore({ socket: client, loadConversation });
  const adopted: string[] = [];
  store.onAdopt((id) => adopted.push(id));
  return { store, adopted };
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 25_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function mapStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (key) => data.get(key) ?? null, setItem: (key, value) => void data.set(key, value) };
}

async function storedAnswers(conversationId: string): Promise<string[]> {
  const result = await loadConversation(conversationId);
  if (!result.ok) throw new Error(result.message);
  return result.conversation.messages.filter((m) => m.role === 'assistant').map((m) => m.content);
}

function lastTurn(state: ThreadState) {
  const turn = state.turns.at(-1);
  if (!turn) throw new Error('no turn');
  return turn;
}

/** A tab that started a conversation with "hello" and has its answer. */
async function firstTab(): Promise<{ writerStore: ThreadStore; id: string }> {
  const writer = newClient();
  const { store: writerStore, adopted } = newStore(writer);
  writer.start();
  writerStore.send(DRAFT, 'hello');
  await waitFor(() => adopted.length === 1 && lastTurn(writerStore.get(adopted[0] as string)).state === 'done', 'the first answer');
  return { writerStore, id: adopted[0] as string };
}

describe('chat socket client against the chat server', () => {
  it('survives a socket cut mid-answer: reconnects, replays, and shows the whole answer exactly once', async () => {
    const client = newClient();
    const { store, adopted } = newStore(client);
    const events: ServerEvent[] = [];
    client.onEvent((event) => events.push(event));
    client.start();
    await waitFor(() => client.status === 'open', 'the socket to open');

    store.send(DRAFT, 'slow answer please');
    await waitFor(() => adopted.length === 1, 'the new conversation');
    const id = adopted[0] as string;
    await waitFor(() => answerText(lastTurn(store.get(id))).length > 40, 'some of the answer');

    const cutAt = answerText(lastTurn(store.get(id)));
    const socketsBefore = opened.length;
    opened.at(-1)?.terminate();
    await waitFor(() => client.status !== 'open', 'the client to notice the cut');
    expect(lastTurn(store.get(id)).state).toBe('streaming');
    expect(cutAt.length).toBeLessThan(SLOW_WORDS.length);

    await waitFor(() => lastTurn(store.get(id)).state === 'done', 'the answer to end');
    expect(opened.length).toBeGreaterThan(socketsBefore);
    expect(events.some((e) => e.type === 'resumed' && e.conversationId === id)).toBe(true);
    const turn = lastTurn(store.get(id));
    expect(answerText(turn)).toBe(SLOW_WORDS);
    expect(store.get(id).turns).toHaveLength(1);
    expect(await storedAnswers(id)).toEqual([SLOW_WORDS]);
    // Every event reached the UI once: seqs strictly rising, none twice.
    const seqs = events.filter((e): e is ServerEvent & { seq: number } => 'seq' in e && e.seq !== undefined).map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it('assembles tool calls and their results across a reconnect, and matches what the server stored', async () => {
    const client = newClient();
    const { store, adopted } = newStore(client);
    let cut = false;
    client.onEvent((event) => {
      // Cut the socket the moment the tool starts: its result and the answer come by replay.
      if (event.type === 'tool_use' && !cut) {
        cut = true;
        opened.at(-1)?.terminate();
      }
    });
    client.start();
    store.send(DRAFT, 'how many devices per site?');
    await waitFor(() => adopted.length === 1, 'the new conversation');
    const id = adopted[0] as string;
    await waitFor(() => lastTurn(store.get(id)).state === 'done', 'the answer to end');
    expect(cut).toBe(true);

    const turn = lastTurn(store.get(id));
    const tools = turn.parts.filter((p): p is ToolPart => p.kind === 'tool');
    expect(tools).toHaveLength(1);
    expect(tools[0]).toMatchObject({ name: 'mcp__netbox__netbox_count_objects', status: 'done' });
    expect(tools[0]?.queries.length).toBeGreaterThan(0);
    expect(tools[0]?.links.list).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/dcim\/devices\//);
    expect(turn.usage?.output_tokens).toBeGreaterThan(0);
    expect(turn.durationMs).toBeGreaterThan(0);
    const [stored] = await storedAnswers(id);
    expect(answerText(turn)).toBe(stored);
  });

  it('keeps messages typed offline (across a reload) and sends them, in order, once back online', async () => {
    const storage = mapStorage();
    const first = newClient({ storage, tabId: 'tab-1', online: false });
    const { store: firstStore } = newStore(first);
    first.start();
    expect(first.status).toBe('offline');
    firstStore.send(DRAFT, 'slow but sure');
    expect(first.pending()).toHaveLength(1);
    expect(lastTurn(firstStore.get(DRAFT)).state).toBe('queued');
    first.close();

    // The page reloads, still offline: the queued message is still there, and shows.
    const client = newClient({ storage, tabId: 'tab-1', online: false });
    const { store, adopted } = newStore(client);
    expect(client.pending().map((e) => e.command.content)).toEqual(['slow but sure']);
    expect(lastTurn(store.get(DRAFT))).toMatchObject({ question: 'slow but sure', state: 'queued' });
    client.start();
    client.setOnline(true);
    await waitFor(() => adopted.length === 1, 'the queued message to create its conversation');
    const id = adopted[0] as string;
    await waitFor(() => lastTurn(store.get(id)).state === 'done', 'its answer');
    expect(client.pending()).toHaveLength(0);
    expect(storage.data.get('netbox-chatbox:outbox')).toBe('{}');

    // Offline again, mid-conversation: two more messages wait, then go one turn at a time.
    opened.at(-1)?.terminate();
    client.setOnline(false);
    await waitFor(() => client.status === 'offline', 'the offline status');
    store.send(id, 'hello again');
    store.send(id, 'and once more');
    expect(store.get(id).turns.map((t) => t.state)).toEqual(['done', 'queued', 'queued']);
    client.setOnline(true);
    await waitFor(() => store.get(id).turns.every((t) => t.state === 'done'), 'both answers', 40_000);
    expect(store.get(id).turns.map((t) => t.question)).toEqual(['slow but sure', 'hello again', 'and once more']);
    expect(await storedAnswers(id)).toHaveLength(3);
    expect(client.pending()).toHaveLength(0);
  });

  it('loads a conversation opened by URL from its snapshot with nothing replayed, and follows it live', async () => {
    const { writerStore, id } = await firstTab();

    // Another tab opens /c/<id>: the snapshot over HTTP, then only what comes after it (nothing is replayed).
    const reader = newClient();
    const { store: readerStore } = newStore(reader);
    const replayed: ServerEvent[] = [];
    reader.onEvent((event) => {
      if ('seq' in event && event.seq !== undefined) replayed.push(event);
    });
    reader.start();
    readerStore.open(id);
    await waitFor(() => readerStore.get(id).loaded && reader.isFollowing(id), 'the conversation to load');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(replayed).toEqual([]);
    expect(readerStore.get(id).turns.map((t) => [t.question, t.state])).toEqual([['hello', 'done']]);
    writerStore.send(id, 'slow and steady');
    await waitFor(() => readerStore.get(id).turns.length === 2 && lastTurn(readerStore.get(id)).state === 'done', 'the live answer in the other tab');
    expect(readerStore.get(id).turns.map((t) => t.question)).toEqual(['hello', 'slow and steady']);
    expect(answerText(lastTurn(readerStore.get(id)))).toBe(SLOW_WORDS);
    expect(readerStore.get(id).title).toBe(writerStore.get(id).title);
  });

  it('opens a conversation in the middle of an answer and shows that answer whole, once', async () => {
    const { writerStore, id } = await firstTab();
    writerStore.send(id, 'slow and steady');
    await waitFor(() => answerText(lastTurn(writerStore.get(id))).includes('word10 '), 'the slow answer to be under way');

    const reader = newClient();
    const { store: readerStore } = newStore(reader);
    reader.start();
    readerStore.open(id);
    await waitFor(() => readerStore.get(id).turns.length === 2 && lastTurn(readerStore.get(id)).state === 'done', 'the answer in the new tab');
    expect(readerStore.get(id).turns.map((t) => t.question)).toEqual(['hello', 'slow and steady']);
    expect(answerText(lastTurn(readerStore.get(id)))).toBe(SLOW_WORDS);
  });
});
