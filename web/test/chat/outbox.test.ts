import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../app/utils/chat/backoff.ts';
import { Outbox, OUTBOX_KEY, type KeyValueStorage } from '../../app/utils/chat/outbox.ts';

function mapStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (key) => data.get(key) ?? null, setItem: (key, value) => void data.set(key, value) };
}

const message = (id: string, content = id) => ({ type: 'message' as const, content, clientMessageId: id });

describe('reconnect backoff', () => {
  it('doubles from 0.5 s to a 10 s cap, with up to half of each wait random', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 12].map((n) => backoffDelay(n, () => 0))).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000]);
    expect([0, 1, 5].map((n) => backoffDelay(n, () => 1))).toEqual([250, 500, 5000]);
    expect(backoffDelay(1000, () => 0.5)).toBe(7500);
  });
});

describe('outbox', () => {
  it('keeps messages in order across a reload of the same tab, and forgets acknowledged ones', () => {
    const storage = mapStorage();
    const before = new Outbox({ storage, tabId: 'a' });
    before.add(message('m1'));
    before.add(message('m2'));
    before.markSent('m1');
    const after = new Outbox({ storage, tabId: 'a' });
    // What was on the wire when the page went away goes again (a replayed turn_start acknowledges it first).
    expect(after.entries().map((e) => [e.clientMessageId, e.state])).toEqual([
      ['m1', 'queued'],
      ['m2', 'queued'],
    ]);
    after.remove('m1');
    after.remove('m2');
    expect(JSON.parse(storage.data.get(OUTBOX_KEY) ?? 'null')).toEqual({});
  });

  it("leaves another open tab's messages alone, and adopts those of a tab closed long ago", () => {
    const storage = mapStorage();
    let now = 1_000_000;
    const clock = () => now;
    new Outbox({ storage, tabId: 'live', now: clock }).add(message('live-1'));
    new Outbox({ storage, tabId: 'closed', now: clock }).add(message('closed-1'));
    now += 60_000;
    const live = new Outbox({ storage, tabId: 'live', now: clock });
    expect(live.entries().map((e) => e.clientMessageId)).toEqual(['live-1']);
    live.touch();
    now += 5 * 60_000 - 1;
    const other = new Outbox({ storage, tabId: 'new', now: clock });
    // "closed" was last touched 6 minutes ago; "live" just under 5 minutes ago.
    expect(other.entries().map((e) => e.clientMessageId)).toEqual(['closed-1']);
    expect(Object.keys(JSON.parse(storage.data.get(OUTBOX_KEY) ?? '{}')).sort()).toEqual(['live', 'new']);
  });

  it('ignores what it cannot read, and works without storage', () => {
    const storage = mapStorage();
    storage.setItem(OUTBOX_KEY, '{"a":{"touchedAt":0,"entries":[{"clientMessageId":"x"},"junk"]}}');
    expect(new Outbox({ storage, tabId: 'a' }).entries()).toEqual([]);
    storage.setItem(OUTBOX_KEY, 'not json');
    expect(new Outbox({ storage, tabId: 'a' }).entries()).toEqual([]);
    const memory = new Outbox();
    memory.add(message('m1', 'hello'));
    expect(memory.get('m1')?.command.content).toBe('hello');
  });
});
