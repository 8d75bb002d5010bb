import { MessageCommandSchema, type MessageCommand } from '@netbox-chatbox/protocol';
import { z } from 'zod';

/** The part of the Web Storage API the outbox needs (localStorage in a browser, a Map in tests). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export type OutboxState = 'queued' | 'sent';

export interface OutboxEntry {
  readonly clientMessageId: string;
  readonly command: MessageCommand & { clientMessageId: string };
  /** queued: not on the wire yet. sent: written to a socket, not yet acknowledged (turn_start or error). */
  state: OutboxState;
  /** Not sent before this time (ms since epoch), after the server answered BUSY. */
  notBefore: number;
  readonly queuedAt: number;
}

const EntrySchema = z.object({
  clientMessageId: z.string().min(1),
  command: MessageCommandSchema.extend({ clientMessageId: z.string().min(1) }),
  state: z.enum(['queued', 'sent']),
  notBefore: z.number(),
  queuedAt: z.number(),
});

const StoredSchema = z.record(z.string(), z.object({ touchedAt: z.number(), entries: z.array(z.unknown()) }));
type Stored = z.infer<typeof StoredSchema>;

export interface OutboxOptions {
  /** null: memory only. */
  readonly storage?: KeyValueStorage | null;
  /** This tab's id; the same across reloads of the tab (sessionStorage), so a reload finds its own entries. */
  readonly tabId?: string;
  readonly now?: () => number;
  /** Entries of another tab not touched for this long belong to a closed tab, and are adopted. */
  readonly staleMs?: number;
  readonly key?: string;
}

export const OUTBOX_KEY = 'netbox-chatbox:outbox';

/**
 * Messages the user sent that the server has not acknowledged yet, in the order they were typed. Kept in
 * storage per tab, so a reload (or a tab closed while offline) loses nothing, and two open tabs never both send
 * the same message.
 */
export class Outbox {
  private list: OutboxEntry[] = [];
  private readonly storage: KeyValueStorage | null;
  private readonly tabId: string;
  private readonly now: () => number;
  private readonly staleMs: number;
  private readonly key: string;

  constructor(options: OutboxOptions = {}) {
    this.storage = options.storage ?? null;
    this.tabId = options.tabId ?? 'tab';
    this.now = options.now ?? Date.now;
    this.staleMs = options.staleMs ?? 5 * 60_000;
    this.key = options.key ?? OUTBOX_KEY;
    this.adopt();
  }

  entries(): readonly OutboxEntry[] {
    return this.list;
  }

  get(clientMessageId: string): OutboxEntry | undefined {
    return this.list.find((e) => e.clientMessageId === clientMessageId);
  }

  add(command: MessageCommand & { clientMessageId: string }): OutboxEntry {
    const entry: OutboxEntry = { clientMessageId: command.clientMessageId, command, state: 'queued', notBefore: 0, queuedAt: this.now() };
    this.list.push(entry);
    this.save();
    return entry;
  }

  markSent(clientMessageId: string): void {
    const entry = this.get(clientMessageId);
    if (!entry) return;
    entry.state = 'sent';
    this.save();
  }

  /** Back in the queue, e.g. after BUSY or when the socket it went out on died unanswered. */
  requeue(clientMessageId: string, notBefore = 0): void {
    const entry = this.get(clientMessageId);
    if (!entry) return;
    entry.state = 'queued';
    entry.notBefore = notBefore;
    this.save();
  }

  /** The server has it (turn_start) or refused it for good (error): forget it. */
  remove(clientMessageId: string): boolean {
    const before = this.list.length;
    this.list = this.list.filter((e) => e.clientMessageId !== clientMessageId);
    if (this.list.length === before) return false;
    this.save();
    return true;
  }

  /** Tells other tabs this one is alive, so they leave its entries alone. */
  touch(): void {
    if (this.list.length) this.save();
  }

  private adopt(): void {
    const stored = this.read();
    if (!stored) return;
    const now = this.now();
    const adopted: OutboxEntry[] = [];
    for (const [tab, slot] of Object.entries(stored)) {
      if (tab !== this.tabId && now - slot.touchedAt < this.staleMs) continue;
      for (const raw of slot.entries) {
        const parsed = EntrySchema.safeParse(raw);
        // What was on the wire when the page went away may or may not have arrived: it is sent again, and a
        // turn_start replayed on resume acknowledges it first when it did.
        if (parsed.success) adopted.push({ ...parsed.data, state: 'queued' });
      }
      delete stored[tab];
    }
    adopted.sort((a, b) => a.queuedAt - b.queuedAt);
    this.list = adopted;
    this.write({ ...stored, ...(adopted.length ? { [this.tabId]: { touchedAt: now, entries: adopted } } : {}) });
  }

  private save(): void {
    if (!this.storage) return;
    const stored = this.read() ?? {};
    if (this.list.length) stored[this.tabId] = { touchedAt: this.now(), entries: this.list };
    else delete stored[this.tabId];
    this.write(stored);
  }

  private read(): Stored | null {
    if (!this.storage) return null;
    try {
      const text = this.storage.getItem(this.key);
      if (!text) return {};
      const parsed = StoredSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : {};
    } catch {
      return {};
    }
  }

  private write(stored: Stored): void {
    if (!this.storage) return;
    try {
      this.storage.setItem(this.key, JSON.stringify(stored));
    } catch {
      // Storage full or disabled (private mode): the outbox still works in memory.
    }
  }
}
