import { z } from 'zod';

/**
 * What server processes sharing one PostgreSQL tell each other, through NOTIFY on one channel. Payloads are
 * small (ids and numbers, far below NOTIFY's 8,000 bytes): a process that needs the events reads them from the
 * event log, which stays the one source of truth. `o` is the process that sent it, so none acts on its own.
 */
export const FEED_CHANNEL = 'netbox_chatbox';

export const FeedMessageSchema = z.discriminatedUnion('k', [
  /** Events `from`..`to` of conversation `c` were appended. */
  z.object({ k: z.literal('events'), c: z.string(), from: z.number().int().positive(), to: z.number().int().positive(), o: z.string() }),
  /** Someone asked to stop turn `t` of conversation `c`: its holder interrupts it. */
  z.object({ k: z.literal('stop'), c: z.string(), t: z.string(), o: z.string() }),
  /** Conversation `c` of user `u` was deleted, with the SDK sessions `s` that held its context. */
  z.object({ k: z.literal('deleted'), c: z.string(), u: z.string(), s: z.array(z.string()), o: z.string() }),
]);
export type FeedMessage = z.infer<typeof FeedMessageSchema>;
