import type { ServerEvent } from '@netbox-chatbox/protocol';

/** Something that follows conversations: a WebSocket. `send` must not throw and must not block. */
export interface Subscriber {
  send(event: ServerEvent): void;
}
