import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InMemorySessionStore, query, type SDKMessage, type SDKUserMessage, type SessionStore, type SessionStoreEntry } from '@anthropic-ai/claude-agent-sdk';
import { createNetboxMcpServer } from '@netbox-chatbox/netbox-mcp';
import { startScriptedModel, type ScriptedModel } from '@netbox-chatbox/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSandbox } from '../../../netbox-sandbox/test/support/test-sandbox.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { BACKENDS, useBackends } from './store-backends.ts';

const backends = useBackends();
const sandbox = useSandbox();
const scratch = mkdtempSync(join(tmpdir(), 'sdk-session-store-'));
let model: ScriptedModel;
beforeAll(async () => {
  model = await startScriptedModel({ chunkDelayMs: 1 });
});
afterAll(async () => {
  await model?.close();
  rmSync(scratch, { recursive: true, force: true });
});

const entry = (type: string, uuid: string | undefined, extra: Record<string, unknown> = {}): SessionStoreEntry => ({
  type,
  ...(uuid ? { uuid } : {}),
  timestamp: '2026-11-01T00:00:00.000Z',
  ...extra,
});

describe.each(BACKENDS)('the SDK SessionStore on %s', (backend) => {
  let store: Store;
  let sessions: SessionStore;
  beforeAll(async () => {
    store = await backends.open(backend);
    sessions = store.sdkSessions;
  });

  it('loads null for a session never written', async () => {
    expect(await sessions.load({ projectKey: 'p', sessionId: 'never' })).toBeNull();
  });

  it('loads what was appended, in order and deep-equal, whatever the projectKey', async () => {
    const key = { projectKey: '-tmp-a', sessionId: 'order' };
    const batch1 = [entry('queue-operation', undefined, { operation: 'enqueue' }), entry('user', 'u1', { message: { role: 'user', content: 'Hï ✓ \u0000' }, parentUuid: null })];
    const batch2 = Array.from({ length: 250 }, (_, i) => entry('assistant', `a${i}`, { message: { content: [{ type: 'text', text: `part ${i}` }] }, n: i, nested: { z: 1, a: [1, { b: null }] } }));
    await sessions.append(key, batch1);
    await sessions.append(key, batch2);
    const loaded = await sessions.load(key);
    expect(loaded).toEqual([...batch1, ...batch2]);
    // Another working directory, another projectKey: still the same session.
    expect(await sessions.load({ projectKey: '-tmp-b', sessionId: 'order' })).toEqual(loaded);
  });

  it('treats uuid as an idempotency key, and appends entries without one every time', async () => {
    const key = { projectKey: 'p', sessionId: 'dedup' };
    const batch = [entry('user', 'u1'), entry('last-prompt', undefined), entry('user', 'u1')];
    await sessions.append(key, batch);
    await sessions.append(key, batch);
    expect((await sessions.load(key))?.map((e) => `${e.type}:${e.uuid ?? '-'}`)).toEqual(['user:u1', 'last-prompt:-', 'last-prompt:-']);
  });

  it('keeps subagent transcripts under their subpath, listed by listSubkeys', async () => {
    const main = { projectKey: 'p', sessionId: 'with-subagents' };
    await sessions.append(main, [entry('user', 'm1')]);
    await sessions.append({ ...main, subpath: 'subagents/agent-b' }, [entry('user', 'b1')]);
    await sessions.append({ ...main, subpath: 'subagents/agent-a' }, [entry('user', 'a1'), entry('user', 'm1')]);
    expect(await sessions.listSubkeys!({ projectKey: 'other', sessionId: main.sessionId })).toEqual(['subagents/agent-a', 'subagents/agent-b']);
    expect((await sessions.load({ ...main, subpath: 'subagents/agent-a' }))?.map((e) => e.uuid)).toEqual(['a1', 'm1']);
    expect((await sessions.load(main))?.map((e) => e.uuid)).toEqual(['m1']);
    await sessions.delete!({ ...main, subpath: 'subagents/agent-b' });
    expect(await sessions.listSubkeys!(main)).toEqual(['subagents/agent-a']);
    await sessions.delete!(main);
    expect(await sessions.load(main)).toBeNull();
    expect(await sessions.listSubkeys!(main)).toEqual([]);
  });

  it('lists sessions with a rising mtime, and folds summaries as the SDK\'s own store does', async () => {
    const projectKey = `project-${backend}`;
    const reference = new InMemorySessionStore();
    const key = { projectKey, sessionId: 'summarised' };
    const batches = [
      [entry('user', 's1', { message: { role: 'user', content: 'first prompt' }, cwd: '/tmp/x', isSidechain: false })],
      [entry('assistant', 's2', { message: { role: 'assistant', content: [{ type: 'text', text: 'answer' }] } }), entry('custom-title', undefined, { customTitle: 'My title', sessionId: 'summarised' })],
      [entry('user', 's3', { message: { role: 'user', content: 'second prompt' } }), entry('last-prompt', undefined, { lastPrompt: 'second prompt', sessionId: 'summarised' })],
    ];
    const mtimes: number[] = [];
    for (const batch of batches) {
      await sessions.append(key, batch);
      await reference.append(key, batch);
      mtimes.push((await sessions.listSessions!(projectKey)).find((s) => s.sessionId === 'summarised')!.mtime);
    }
    expect(mtimes.every((mtime, i) => Number.isInteger(mtime) && (i === 0 || mtime > mtimes[i - 1]!))).toBe(true);
    const [summary] = await sessions.listSessionSummaries!(projectKey);
    const [expected] = await reference.listSessionSummaries(projectKey);
    expect(summary).toMatchObject({ sessionId: 'summarised', mtime: mtimes.at(-1) });
    expect(summary?.data).toEqual(expected?.data);
    expect(await sessions.listSessions!('no-such-project')).toEqual([]);
  });

  it('resumes with the real Agent SDK and CLI after the local transcript is gone: turn 2 reaches the model with turn 1 in it', async () => {
    model.clearRequests();
    const first = await runTurn(sessions, 'Which devices are in site chi-dc1?');
    expect(first.result).toContain('chi-dc1-cr01');
    const turnOneRequests = model.messageRequests().length;
    expect(turnOneRequests).toBe(2);

    // A new config dir and a new working directory (so another projectKey): as on another replica.
    const second = await runTurn(sessions, 'Thanks. What did I ask first?', first.sessionId);
    expect(second.sessionId).toBe(first.sessionId);
    expect(second.result).toContain('You first asked: "Which devices are in site chi-dc1?"');
    const [turnTwo] = (model.messageRequests() as LoggedBody[]).slice(turnOneRequests);
    const sent = JSON.stringify(turnTwo?.messages);
    expect(sent).toContain('Which devices are in site chi-dc1?');
    // The tool call of turn 1 and what NetBox answered are part of the restored context.
    expect(sent).toContain('mcp__netbox__netbox_get_objects');
    expect(sent).toContain('tool_result');
    expect(sent).toMatch(/chi-dc1-cr01/);
    expect(sent).toContain('Thanks. What did I ask first?');
  });
});

describe('the SDK SessionStore with two server processes on one PostgreSQL', () => {
  it('keeps every entry of concurrent appends to one session', async () => {
    const url = await backends.postgresUrl();
    const [one, two] = await Promise.all([openStore({ database: { kind: 'postgres', url } }), openStore({ database: { kind: 'postgres', url } })]);
    try {
      const key = { projectKey: 'p', sessionId: 'concurrent' };
      await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? one : two).sdkSessions.append(key, [entry('user', `c${i}`, { message: { role: 'user', content: `prompt ${i}` } })])),
      );
      expect((await one.sdkSessions.load(key))?.map((e) => e.uuid).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `c${i}`).sort());
      expect(await two.sdkSessions.listSessionSummaries!('p')).toHaveLength(1);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });
});

interface Turn {
  readonly messages: SDKMessage[];
  readonly sessionId: string;
  readonly result: string;
}

/**
 * One turn of the real Agent SDK and CLI against the scripted model, with our NetBox MCP server against the
 * sandbox, in its own config dir (CLAUDE_CONFIG_DIR) and working directory, both removed afterwards: what
 * another replica, or this one after a restart, would have.
 */
async function runTurn(sessionStore: SessionStore, prompt: string, resume?: string): Promise<Turn> {
  const home = mkdtempSync(join(scratch, 'home-'));
  const cwd = mkdtempSync(join(scratch, 'cwd-'));
  const messages: SDKMessage[] = [];
  async function* input(): AsyncGenerator<SDKUserMessage> {
    yield { type: 'user', message: { role: 'user', content: prompt }, parent_tool_use_id: null };
  }
  try {
    const session = query({
      prompt: input(),
      options: {
        env: {
          ANTHROPIC_BASE_URL: model.url,
          ANTHROPIC_API_KEY: 'test-key',
          CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
          CLAUDE_CONFIG_DIR: join(home, '.claude'),
          HOME: home,
          PATH: process.env.PATH ?? '/usr/bin:/bin',
        },
        tools: [],
        settingSources: [],
        strictMcpConfig: true,
        cwd,
        systemPrompt: 'You are a test.',
        mcpServers: { netbox: { type: 'sdk', name: 'netbox', instance: createNetboxMcpServer({ netbox: { url: sandbox.current.url, token: sandbox.current.token } }) } },
        allowedTools: ['mcp__netbox__netbox_get_objects'],
        canUseTool: async () => ({ behavior: 'deny', message: 'not here' }),
        sessionStore,
        ...(resume ? { resume } : {}),
      },
    });
    for await (const message of session) {
      messages.push(message);
      if (message.type === 'result') {
        return { messages, sessionId: message.session_id, result: message.subtype === 'success' ? message.result : `(${message.subtype})` };
      }
    }
    throw new Error('the SDK ended without a result');
  } finally {
    // The local transcript lived here: after this, only the store has the conversation.
    const projects = join(home, '.claude', 'projects');
    if (existsSync(projects)) expect(readdirSync(projects).length).toBeGreaterThan(0);
    rmSync(home, { recursive: true, force: true });
    rmSync(cwd, { recursive: true, force: true });
  }
}

interface LoggedBody {
  messages: { role: string; content: unknown }[];
}
