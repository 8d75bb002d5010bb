import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SessionPool, type ErrorEvent, type RetryEvent, type ToolResultEvent } from '../../src/agent/index.ts';
import { useAgentHarness } from './support/agent-harness.ts';
import { cliProcesses } from './support/processes.ts';

const REPO = resolve(import.meta.dirname, '../../..');
let forbiddenFile = '';

const harness = useAgentHarness({
  rules: [
    {
      name: 'try forbidden tools',
      when: { user: 'run the forbidden tools' },
      reply: [
        { type: 'text', text: 'Trying tools I should not have.' },
        { type: 'tool_use', name: 'Bash', input: { command: 'touch {{user.match /into (\\S+)/}}', description: 'create a file' } },
        { type: 'tool_use', name: 'Read', input: { file_path: '/etc/hostname' } },
        { type: 'tool_use', name: 'WebFetch', input: { url: 'http://127.0.0.1:9/', prompt: 'summarize' } },
      ],
    },
    {
      name: 'use the admin server',
      when: { user: 'use the admin server' },
      reply: [
        { type: 'tool_use', name: 'mcp__nbx__netbox_count_objects', input: { object_type: 'dcim.site' } },
        { type: 'tool_use', name: 'mcp__nbx__netbox_get_objects', input: { object_type: 'dcim.device' } },
        { type: 'tool_use', name: 'mcp__netbox__netbox_drop_database', input: {} },
      ],
    },
    { name: 'after the admin server', when: { toolName: 'mcp__nbx__netbox_count_objects' }, reply: [{ type: 'text', text: 'Counted: {{tool_result.line[0]}}' }] },
  ],
});
const pool = new SessionPool({ maxLive: 8 });
afterAll(() => pool.close());

function toolResults(events: readonly { type: string }[]): ToolResultEvent[] {
  return events.filter((e): e is ToolResultEvent => e.type === 'tool_result');
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise<void>((done) => server.close(() => done()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('what the model may not do', () => {
  it('refuses Bash, Read and WebFetch from the model, and nothing runs', async () => {
    forbiddenFile = join(harness.scratchDir(), 'bash-ran');
    const { session, log } = harness.session(pool);
    const turnId = session.send(`run the forbidden tools into ${forbiddenFile}`);
    expect(await log.ended(turnId)).toMatchObject({ type: 'done' });
    const results = toolResults(log.forTurn(turnId));
    expect(results.map((r) => [r.name, r.isError, r.errorCode])).toEqual([
      ['Bash', true, 'TOOL_DENIED'],
      ['Read', true, 'TOOL_DENIED'],
      ['WebFetch', true, 'TOOL_DENIED'],
    ]);
    expect(results[0]?.text).toMatch(/^Error: No such tool available: Bash/);
    expect(existsSync(forbiddenFile)).toBe(false);
    // The model really asked for it.
    expect(log.forTurn(turnId).find((e) => e.type === 'tool_use')).toMatchObject({ name: 'Bash', input: { command: `touch ${forbiddenFile}` } });
    await session.close();
  });

  it('runs an allowed tool of an admin MCP server and denies its other tools and unknown ones', async () => {
    const { session, log } = harness.session(pool, {
      overrides: {
        extraMcp: {
          servers: {
            nbx: {
              type: 'stdio',
              command: process.execPath,
              args: [join(REPO, 'netbox-mcp/src/cli.ts')],
              env: { NETBOX_URL: harness.sandbox.url, NETBOX_TOKEN: harness.sandbox.token, PATH: process.env.PATH ?? '' },
              // The first request must already list its tools.
              alwaysLoad: true,
            },
          },
          allowedTools: ['mcp__nbx__netbox_count_objects'],
        },
      },
    });
    const turnId = session.send('use the admin server');
    expect(await log.ended(turnId, 30_000)).toMatchObject({ type: 'done' });
    // Refusals come back at once, the allowed call when it has run: sort by name.
    const results = toolResults(log.forTurn(turnId)).sort((a, b) => a.name.localeCompare(b.name));
    expect(results.map((r) => [r.name, r.isError, r.errorCode])).toEqual([
      ['mcp__nbx__netbox_count_objects', false, undefined],
      ['mcp__nbx__netbox_get_objects', true, 'TOOL_DENIED'],
      ['mcp__netbox__netbox_drop_database', true, 'TOOL_DENIED'],
    ]);
    expect(results[0]?.queries[0]).toMatch(/^\/api\/dcim\/sites\//);
    expect(results[1]?.text).toContain('mcp__nbx__netbox_get_objects is not available in this chat');
    expect(results[2]?.text).toContain('No such tool available: mcp__netbox__netbox_drop_database');
    expect(log.text(turnId)).toMatch(/^Counted: \d+ dcim\.site in total/);
    // The admin server's token stayed off the CLI's command line (`mcpServersDelivery: 'initialize'`).
    const clis = cliProcesses();
    expect(clis.length).toBeGreaterThan(0);
    for (const cli of clis) expect(cli.argv.join(' ')).not.toContain(harness.sandbox.token);
    const tools = (harness.model.messageRequests()[0] as { tools: { name: string }[] }).tools.map((t) => t.name);
    expect(tools).toEqual(expect.arrayContaining(['mcp__nbx__netbox_count_objects', 'mcp__netbox__netbox_get_objects']));
    await session.close();
  }, 40_000);
});

describe('model faults', () => {
  it('reports 529 and then 500 as retries, and recovers', async () => {
    harness.model.setFaults([{ status: 529 }, { status: 500 }]);
    const { session, log } = harness.session(pool, { overrides: { maxRetries: 3 } });
    const turnId = session.send('hello there');
    expect(await log.ended(turnId)).toMatchObject({ type: 'done', stopped: false });
    const retries = log.forTurn(turnId).filter((e): e is RetryEvent => e.type === 'retry');
    expect(retries.map((r) => [r.attempt, r.maxRetries, r.code])).toEqual([
      [1, 3, 'MODEL_OVERLOADED'],
      [2, 3, 'MODEL_UNAVAILABLE'],
    ]);
    expect(log.text(turnId)).toContain('You said: hello there');
    expect(harness.model.messageRequests()).toHaveLength(3);
    await session.close();
  });

  it('ends the turn with MODEL_OVERLOADED once retries are spent, and the next message works', async () => {
    harness.model.setFaults([{ status: 529 }, { status: 529 }]);
    const { session, log } = harness.session(pool, { overrides: { maxRetries: 1 } });
    const turnId = session.send('hello there');
    const end = await log.ended(turnId);
    expect(end).toEqual({
      type: 'error',
      turnId,
      sessionId: session.sdkSessionId,
      code: 'MODEL_OVERLOADED',
      message: 'The model is overloaded right now. Try again in a moment.',
      retryable: true,
    });
    // The CLI's own "API Error: 529 … (127.0.0.1:port)" text never reaches the user.
    expect(log.text(turnId)).toBe('');
    const next = session.send('hello again');
    expect(await log.ended(next)).toMatchObject({ type: 'done' });
    await session.close();
  });

  it('says MODEL_CONFIG, not retryable, when the model refuses the key', async () => {
    harness.model.setFaults([{ status: 401 }, { status: 401 }]);
    const { session, log } = harness.session(pool, { overrides: { maxRetries: 1 } });
    const end = (await log.ended(session.send('hello there'))) as ErrorEvent;
    expect([end.type, end.code, end.retryable]).toEqual(['error', 'MODEL_CONFIG', false]);
    await session.close();
  });

  it('interrupts a stream that stalls mid-answer with a retryable MODEL_STALLED, and the session goes on', async () => {
    harness.model.setFaults([{ stallMs: 30_000, afterChunks: 2 }]);
    const { session, log } = harness.session(pool, { stallMs: 1_500 });
    const started = performance.now();
    const turnId = session.send('hello there');
    const end = await log.ended(turnId);
    const ms = performance.now() - started;
    expect(end).toMatchObject({ type: 'error', code: 'MODEL_STALLED', retryable: true });
    expect(log.forTurn(turnId).filter((e) => e.type === 'text')).toHaveLength(2);
    expect(ms).toBeGreaterThan(1_500);
    expect(ms).toBeLessThan(5_000);
    const next = session.send('hello again');
    expect(await log.ended(next)).toMatchObject({ type: 'done' });
    expect(log.text(next)).toContain('You first asked: "hello there"');
    await session.close();
  });
});

describe('NetBox faults', () => {
  it('reports NetBox down as a failed tool result with NETBOX_UNREACHABLE, and the turn still completes', async () => {
    const { session, log } = harness.session(pool, { overrides: { netboxUrl: `http://127.0.0.1:${await closedPort()}` } });
    const turnId = session.send('Which devices are in site chi-dc1?');
    expect(await log.ended(turnId, 30_000)).toMatchObject({ type: 'done' });
    const [result] = toolResults(log.forTurn(turnId));
    expect(result).toMatchObject({ name: 'mcp__netbox__netbox_get_objects', isError: true, errorCode: 'NETBOX_UNREACHABLE' });
    expect(log.text(turnId)).toContain('NETBOX_UNREACHABLE');
    await session.close();
  }, 40_000);
});
