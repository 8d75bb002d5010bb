import { randomUUID } from 'node:crypto';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SessionPool, type AgentEvent, type ToolResultEvent, type ToolUseEvent } from '../../src/agent/index.ts';
import { API_KEY, captureLogger, eventually, useAgentHarness } from './support/agent-harness.ts';
import { resumeCopies } from '../../src/agent/session-files.ts';
import { MemorySessionStore } from './support/memory-session-store.ts';

const SLOW_WORDS = Array.from({ length: 80 }, (_, i) => `word${i}`).join(' ');

const harness = useAgentHarness({
  rules: [{ name: 'slow answer', when: { user: '^slow' }, chunkDelayMs: 40, reply: [{ type: 'text', text: SLOW_WORDS }] }],
});
const pool = new SessionPool({ maxLive: 8 });
afterAll(() => pool.close());

interface LoggedBody {
  messages: { role: string; content: unknown }[];
}

describe('an agent session on the real SDK and CLI', () => {
  it('streams the answer token by token in several text events before done', async () => {
    const { session, log } = harness.session(pool);
    const turnId = session.send('hello there');
    const end = await log.ended(turnId);
    expect(end).toMatchObject({ type: 'done', stopped: false });
    const events = log.forTurn(turnId);
    const texts = events.filter((e) => e.type === 'text');
    expect(texts.length).toBeGreaterThanOrEqual(5);
    expect(events.at(-1)).toBe(end);
    expect(log.text(turnId)).toContain('You said: hello there');
    if (end.type !== 'done') throw new Error('not done');
    expect(end.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(end.usage.inputTokens).toBeGreaterThan(0);
    expect(end.usage.outputTokens).toBeGreaterThan(0);
    expect(end.totalCostUsd).toBeGreaterThan(0);
    expect(end.durationMs).toBeGreaterThan(0);
    expect(session.state).toBe('ready');
    await session.close();
  });

  it('reports the NetBox tool call with its input and the result with the NetBox query it ran', async () => {
    const { session, log } = harness.session(pool);
    const turnId = session.send('Which devices are in site chi-dc1?');
    expect(await log.ended(turnId)).toMatchObject({ type: 'done' });
    const events = log.forTurn(turnId);
    const use = events.find((e): e is ToolUseEvent => e.type === 'tool_use');
    const result = events.find((e): e is ToolResultEvent => e.type === 'tool_result');
    expect(use).toMatchObject({ name: 'mcp__netbox__netbox_get_objects', input: { object_type: 'dcim.device', filters: { site: 'chi-dc1' } } });
    expect(result).toMatchObject({ toolUseId: use?.toolUseId, name: 'mcp__netbox__netbox_get_objects', isError: false, summary: 'dcim.device: all 18' });
    expect(result?.queries).toEqual([expect.stringMatching(/^\/api\/dcim\/devices\/\?site_id=1&/)]);
    expect(result?.meta).toMatchObject({ rows: 18, total: 18, truncated: false, links: { list: `${harness.sandbox.url}/dcim/devices/?site_id=1` } });
    expect(result?.text).toContain('chi-dc1-cr01');
    // The tool card comes before the answer built from it.
    expect(events.indexOf(result as AgentEvent)).toBeLessThan(events.findLastIndex((e) => e.type === 'text'));
    expect(log.text(turnId)).toMatch(/\| chi-dc1-cr01 \| Core Router \|/);
    await session.close();
  });

  it('sends turn 1 with the model request for turn 2', async () => {
    const { session, log } = harness.session(pool);
    await log.ended(session.send('hello there'));
    const second = session.send('and what did I ask first?');
    expect(await log.ended(second)).toMatchObject({ type: 'done' });
    const bodies = harness.model.messageRequests() as LoggedBody[];
    expect(JSON.stringify(bodies.at(-1)?.messages)).toContain('hello there');
    expect(log.text(second)).toBe('You first asked: "hello there". Now you say: "and what did I ask first?". This is turn 2.');
    await session.close();
  });

  it('stops in the middle of an answer, and the session goes on with the next question', async () => {
    const { session, log } = harness.session(pool);
    const turnId = session.send('slow answer please');
    await log.until((events) => (events.filter((e) => e.turnId === turnId && e.type === 'text').length >= 3 ? true : undefined));
    const stoppedAt = performance.now();
    await session.interrupt();
    const stopMs = performance.now() - stoppedAt;
    const end = log.forTurn(turnId).at(-1);
    expect(end).toMatchObject({ type: 'done', stopped: true });
    expect(log.text(turnId).length).toBeGreaterThan(0);
    expect(log.text(turnId)).not.toContain('word79');
    expect(stopMs).toBeLessThan(2_000);
    const next = session.send('and what did I ask first?');
    expect(await log.ended(next)).toMatchObject({ type: 'done', stopped: false });
    expect(log.text(next)).toContain('You first asked: "slow answer please"');
    await session.close();
  });

  it('closes an idle CLI process and resumes it with the context on the next message', async () => {
    const { session, log } = harness.session(pool, { idleMs: 200 });
    await log.ended(session.send('hello there'));
    const sessionId = session.sdkSessionId;
    await eventually(() => session.state === 'closed' && pool.stats().leases === 0, 5_000, 'the idle close');
    const second = session.send('and what did I ask first?');
    expect(await log.ended(second)).toMatchObject({ type: 'done', sessionId });
    expect(log.text(second)).toContain('You first asked: "hello there"');
    await session.close();
  });

  it('resumes from the session store in another data dir after the first one is gone (a restart or another replica)', async () => {
    const store = new MemorySessionStore();
    const firstDir = harness.scratchDir();
    const first = harness.session(pool, { overrides: { dataDir: firstDir, sessionStore: store } });
    await first.log.ended(first.session.send('hello there'));
    const sessionId = first.session.sdkSessionId;
    await first.session.close();
    expect(store.entries.get(sessionId as string)?.length).toBeGreaterThan(0);
    rmSync(firstDir, { recursive: true, force: true });

    // Copies of this session already on the machine (another process's) are not this process's to delete.
    const othersCopy = resumeCopies(sessionId as string);
    const second = harness.session(pool, { resumeSessionId: sessionId, overrides: { dataDir: harness.scratchDir(), sessionStore: store } });
    const turnId = second.session.send('and what did I ask first?');
    expect(await second.log.ended(turnId)).toMatchObject({ type: 'done', sessionId });
    expect(second.log.text(turnId)).toContain('You first asked: "hello there"');
    expect(store.loads).toBeGreaterThan(0);
    // The SDK copied the stored transcript into a private temp directory for the process, and leaves it there.
    const copies = resumeCopies(sessionId as string).filter((dir) => !othersCopy.includes(dir));
    expect(copies).toHaveLength(1);
    await second.session.close();
    // Gone with the process that used it.
    expect(resumeCopies(sessionId as string).filter((dir) => !othersCopy.includes(dir))).toEqual([]);
  });

  it('says SESSION_LOST when the transcript to resume is gone, and the next message starts afresh', async () => {
    const lost = randomUUID();
    const { session, log } = harness.session(pool, { resumeSessionId: lost, overrides: { sessionStore: new MemorySessionStore() } });
    const first = session.send('hello there');
    expect(await log.ended(first)).toMatchObject({ type: 'error', code: 'SESSION_LOST', retryable: true });
    expect(session.sdkSessionId).toBeUndefined();
    const second = session.send('hello there');
    expect(await log.ended(second)).toMatchObject({ type: 'done' });
    expect(session.sdkSessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(session.sdkSessionId).not.toBe(lost);
    await session.close();
  });

  it('keeps the user\'s text verbatim: no @file expansion and no slash commands', async () => {
    const secretFile = join(harness.scratchDir(), 'secret.txt');
    writeFileSync(secretFile, 'CANARY-FILE-CONTENT');
    const { session, log } = harness.session(pool);
    const first = session.send('/clear');
    expect(await log.ended(first)).toMatchObject({ type: 'done' });
    expect(log.text(first)).toContain('You said: /clear');
    const second = session.send(`what is in @${secretFile}`);
    expect(await log.ended(second)).toMatchObject({ type: 'done' });
    const bodies = JSON.stringify(harness.model.messageRequests());
    expect(bodies).toContain(`what is in @${secretFile}`);
    expect(bodies).not.toContain('CANARY-FILE-CONTENT');
    // `/clear` went to the model as text and did not wipe the conversation.
    expect(JSON.stringify(harness.model.messageRequests().at(-1))).toContain('You said: /clear');
    await session.close();
  });

  it('leaves the working directory empty', () => {
    expect(readdirSync(join(harness.dataDir, 'agent', 'workdir'))).toEqual([]);
  });

  it('puts no secret in any event or log line', async () => {
    const { logger, lines } = captureLogger();
    const { session, log } = harness.session(pool, { logger, overrides: { logger } });
    await log.ended(session.send('Which devices are in site chi-dc1?'));
    harness.model.setFaults([{ status: 529 }, { status: 529 }, { status: 529 }]);
    await log.ended(session.send('hello again'));
    await session.close();
    expect(lines.length).toBeGreaterThan(0);
    const everything = JSON.stringify(log.events) + lines.join('\n');
    for (const secret of [API_KEY, harness.sandbox.token]) expect(everything).not.toContain(secret);
  });
});
