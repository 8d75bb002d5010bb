import { describe, expect, it } from 'vitest';
import { SessionPool, type QueuedEvent } from '../../src/agent/index.ts';
import { eventually, useAgentHarness } from './support/agent-harness.ts';
import { cliProcesses } from './support/processes.ts';

const harness = useAgentHarness({
  rules: [{ name: 'slow answer', when: { user: '^slow' }, chunkDelayMs: 40, reply: [{ type: 'text', text: Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ') }] }],
});

/** Samples the pool and the real CLI processes while a test runs, for the most of each seen at once. */
function watchPeaks(pool: SessionPool): { stop: () => { live: number; processes: number } } {
  let live = 0;
  let processes = 0;
  const timer = setInterval(() => {
    live = Math.max(live, pool.stats().live);
    processes = Math.max(processes, cliProcesses().length);
  }, 25);
  return {
    stop: () => {
      clearInterval(timer);
      return { live, processes };
    },
  };
}

function positions(events: readonly { type: string }[]): number[] {
  return events.filter((e): e is QueuedEvent => e.type === 'queued').map((e) => e.position);
}

describe('the session pool', () => {
  it('caps live CLI processes, queues turns in order with their position, and refuses beyond the queue', async () => {
    const pool = new SessionPool({ maxLive: 1, maxQueue: 2 });
    const peaks = watchPeaks(pool);
    const a = harness.session(pool);
    const b = harness.session(pool);
    const c = harness.session(pool);
    const d = harness.session(pool);
    const turnA = a.session.send('slow answer please');
    await a.log.until((events) => (events.some((e) => e.type === 'text') ? true : undefined));
    const turnB = b.session.send('hello from b');
    const turnC = c.session.send('hello from c');
    const turnD = d.session.send('hello from d');
    expect(await d.log.ended(turnD)).toMatchObject({ type: 'error', code: 'AGENT_BUSY', retryable: true });
    expect(b.session.state).toBe('waiting');
    expect(pool.stats()).toMatchObject({ leases: 1, queued: 2 });

    expect(await a.log.ended(turnA)).toMatchObject({ type: 'done' });
    expect(await b.log.ended(turnB)).toMatchObject({ type: 'done' });
    expect(await c.log.ended(turnC)).toMatchObject({ type: 'done' });
    expect(positions(b.log.forTurn(turnB))).toEqual([1]);
    expect(positions(c.log.forTurn(turnC))).toEqual([2, 1]);
    // Each made room for the next by closing: A's process went when B's turn needed it.
    expect(a.session.state).toBe('closed');

    // A's conversation goes on in a new process, with its context.
    const again = a.session.send('and what did I ask first?');
    expect(await a.log.ended(again)).toMatchObject({ type: 'done' });
    expect(a.log.text(again)).toContain('You first asked: "slow answer please"');
    const peak = peaks.stop();
    expect(peak.live).toBe(1);
    expect(peak.processes).toBeLessThanOrEqual(2); // one live, and at most one still exiting
    await Promise.all([a, b, c, d].map((s) => s.session.close()));
    await pool.close();
  }, 40_000);

  it('gives up the place in the queue when a waiting turn is stopped', async () => {
    const pool = new SessionPool({ maxLive: 1 });
    const a = harness.session(pool);
    const b = harness.session(pool);
    const c = harness.session(pool);
    const turnA = a.session.send('slow answer please');
    await a.log.until((events) => (events.some((e) => e.type === 'text') ? true : undefined));
    const turnB = b.session.send('hello from b');
    const turnC = c.session.send('hello from c');
    await c.log.until((events) => (positions(events).includes(2) ? true : undefined));
    await b.session.interrupt();
    expect(b.log.forTurn(turnB).at(-1)).toMatchObject({ type: 'done', stopped: true });
    expect(b.session.state).toBe('closed');
    await c.log.until((events) => (positions(events).includes(1) ? true : undefined));
    expect(pool.stats().queued).toBe(1);
    await a.log.ended(turnA);
    expect(await c.log.ended(turnC)).toMatchObject({ type: 'done' });
    await Promise.all([a, b, c].map((s) => s.session.close()));
    await pool.close();
  }, 30_000);

  it('closes the least recently used idle session when a new one needs a slot', async () => {
    const pool = new SessionPool({ maxLive: 2 });
    const a = harness.session(pool);
    const b = harness.session(pool);
    const c = harness.session(pool);
    await a.log.ended(a.session.send('hello from a'));
    await b.log.ended(b.session.send('hello from b'));
    expect([a.session.state, b.session.state]).toEqual(['ready', 'ready']);
    const turnC = c.session.send('hello from c');
    expect(await c.log.ended(turnC)).toMatchObject({ type: 'done' });
    expect(positions(c.log.forTurn(turnC))).toEqual([1]);
    expect([a.session.state, b.session.state, c.session.state]).toEqual(['closed', 'ready', 'ready']);
    // Now B is the least recently used.
    const turnA = a.session.send('and what did I ask first?');
    expect(await a.log.ended(turnA)).toMatchObject({ type: 'done' });
    expect(a.log.text(turnA)).toContain('You first asked: "hello from a"');
    expect([a.session.state, b.session.state, c.session.state]).toEqual(['ready', 'closed', 'ready']);
    await Promise.all([a, b, c].map((s) => s.session.close()));
    await pool.close();
  }, 30_000);

  it('holds each user to their share of processes and takes waiting users in turn', async () => {
    const pool = new SessionPool({ maxLive: 3, maxPerUser: 1 });
    const alice = [harness.session(pool, { owner: 'alice' }), harness.session(pool, { owner: 'alice' }), harness.session(pool, { owner: 'alice' })];
    const bob = [harness.session(pool, { owner: 'bob' }), harness.session(pool, { owner: 'bob' })];
    const endedAt = new Map<string, number>();
    const run = (s: (typeof alice)[number], text: string) => {
      const turnId = s.session.send(text);
      void s.log.ended(turnId, 40_000).then(() => endedAt.set(text, performance.now()));
      return turnId;
    };
    const a1 = run(alice[0]!, 'slow answer a1');
    await alice[0]!.log.until((events) => (events.some((e) => e.type === 'text') ? true : undefined));
    const a2 = run(alice[1]!, 'hello a2');
    const a3 = run(alice[2]!, 'hello a3');
    const b1 = run(bob[0]!, 'slow answer b1');
    const b2 = run(bob[1]!, 'hello b2');
    // Free processes are there, but alice has her one: her other turns wait, while bob's first starts at once.
    await eventually(() => pool.stats().queued === 3, 10_000, 'three turns waiting');
    expect(pool.heldBy('alice')).toBe(1);
    expect(pool.heldBy('bob')).toBe(1);
    expect(positions(bob[0]!.log.forTurn(b1))).toEqual([]);
    // The queue takes them in turn: alice, bob, alice (bob's turn went ahead of alice's second when it came).
    expect(positions(alice[1]!.log.forTurn(a2))).toEqual([1]);
    expect(positions(bob[1]!.log.forTurn(b2))).toEqual([2]);
    expect(positions(alice[2]!.log.forTurn(a3))).toEqual([2, 3]);
    for (const [s, turnId] of [[alice[0], a1], [alice[1], a2], [alice[2], a3], [bob[0], b1], [bob[1], b2]] as const) {
      expect(await s!.log.ended(turnId, 40_000)).toMatchObject({ type: 'done' });
    }
    expect(endedAt.get('hello a2')).toBeGreaterThan(endedAt.get('slow answer a1') ?? Infinity);
    expect(endedAt.get('hello a3')).toBeGreaterThan(endedAt.get('hello a2') ?? Infinity);
    await Promise.all([...alice, ...bob].map((s) => s.session.close()));
    await pool.close();
  }, 60_000);

  it('starts a new conversation on a warm spare, so its first token does not wait for the CLI to start', async () => {
    const pool = new SessionPool({ maxLive: 3 });
    const started = performance.now();
    expect(await pool.prewarm('user-1', () => harness.options(undefined))).toBe(true);
    const warmupMs = performance.now() - started;
    expect(pool.stats()).toMatchObject({ spares: 1, live: 1 });

    const cold = harness.session(pool);
    const coldSent = performance.now();
    const coldTurn = cold.session.send('hello there');
    await cold.log.ended(coldTurn);
    const coldMs = (cold.log.firstTextAt(coldTurn) as number) - coldSent;

    const warm = harness.session(pool, { spareKey: 'user-1' });
    const warmSent = performance.now();
    const warmTurn = warm.session.send('hello there');
    expect(await warm.log.ended(warmTurn)).toMatchObject({ type: 'done' });
    const warmMs = (warm.log.firstTextAt(warmTurn) as number) - warmSent;
    console.log(`spare ready in ${warmupMs.toFixed(0)} ms; first token cold ${coldMs.toFixed(0)} ms, warm ${warmMs.toFixed(0)} ms`);
    expect(warmMs).toBeLessThan(coldMs);
    // The spare is refilled for the user's next conversation.
    await eventually(() => pool.hasSpare('user-1'), 10_000, 'the spare to be refilled');
    // A spare's process is the first to go when a turn needs its slot.
    const other = harness.session(pool);
    await other.log.ended(other.session.send('hello there'));
    expect(pool.stats()).toMatchObject({ spares: 0, leases: 3 });
    await Promise.all([cold, warm, other].map((s) => s.session.close()));
    await pool.close();
    expect(pool.stats().live).toBe(0);
  }, 30_000);
});
