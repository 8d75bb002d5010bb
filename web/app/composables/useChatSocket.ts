import { CHAT_SOCKET_PATH, type ClientCommand, type ConnectedEvent, type ServerEvent } from '@netbox-chatbox/protocol';
import { readonly, shallowRef, type Ref } from 'vue';
import { newClientId } from '../utils/chat/ids.ts';
import type { KeyValueStorage } from '../utils/chat/outbox.ts';
import { ChatSocketClient, type ConnectionStatus, type WebSocketConstructor } from '../utils/chat/socket-client.ts';

export type { ConnectionStatus } from '../utils/chat/socket-client.ts';

export interface ChatSocket {
  readonly status: Readonly<Ref<ConnectionStatus>>;
  readonly info: Readonly<Ref<ConnectedEvent | null>>;
  /** A message's clientMessageId is returned (made up when the command has none). */
  send(command: ClientCommand): string | undefined;
  onEvent(handler: (event: ServerEvent) => void): () => void;
  retryNow(): void;
  /** The client underneath, for the chat's own bookkeeping (follow, pending, withdraw). */
  readonly client: ChatSocketClient;
}

let shared: ChatSocket | null = null;

/** The app's one chat socket, opened on first use (in the browser) and kept for the life of the page. */
export function useChatSocket(): ChatSocket {
  shared ??= createBrowserChatSocket();
  return shared;
}

/** Wraps a client in Vue refs. Separate from the browser wiring so it can run anywhere. */
export function wrapChatSocket(client: ChatSocketClient): ChatSocket {
  const status = shallowRef<ConnectionStatus>(client.status);
  const info = shallowRef<ConnectedEvent | null>(client.info);
  client.onChange(() => {
    status.value = client.status;
    info.value = client.info;
  });
  return {
    status: readonly(status),
    info: readonly(info) as Readonly<Ref<ConnectedEvent | null>>,
    send: (command) => client.send(command),
    onEvent: (handler) => client.onEvent(handler),
    retryNow: () => client.retryNow(),
    client,
  };
}

const TAB_KEY = 'netbox-chatbox:tab';

function createBrowserChatSocket(): ChatSocket {
  const url = () => `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${CHAT_SOCKET_PATH}`;
  const client = new ChatSocketClient({
    url,
    WebSocket: WebSocket as unknown as WebSocketConstructor,
    storage: storage('localStorage'),
    tabId: tabId(),
    online: navigator.onLine !== false,
  });
  const socket = wrapChatSocket(client);
  window.addEventListener('online', () => client.setOnline(true));
  window.addEventListener('offline', () => client.setOnline(false));
  // Back from sleep or a background tab: do not wait out the backoff.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && client.status !== 'open') client.retryNow();
  });
  client.start();
  return socket;
}

function storage(kind: 'localStorage' | 'sessionStorage'): KeyValueStorage | null {
  try {
    const store = window[kind];
    const probe = '__netbox-chatbox-probe__';
    store.setItem(probe, '1');
    store.removeItem(probe);
    return store;
  } catch {
    return null;
  }
}

/** Stays the same across reloads of this tab (sessionStorage), so a reload finds its own queued messages. */
function tabId(): string {
  const session = storage('sessionStorage');
  const existing = session?.getItem(TAB_KEY);
  if (existing) return existing;
  const id = newClientId();
  session?.setItem(TAB_KEY, id);
  return id;
}
