import type { NoticeEvent, ToolResultEvent, ToolUseEvent } from '@netbox-chatbox/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { ChatClient, textOf } from '../e2e-server/support/chat-client.ts';
import { useTestServer } from '../e2e-server/support/test-server.ts';

/**
 * The model is given up on after 2.5 s of silence; NetBox is allowed 5 s per request. So every NetBox call of
 * these tests outlasts the stall limit, as a slow NetBox's do with the defaults.
 */
const server = useTestServer({ env: { TURN_STALL_MS: '2500', NETBOX_TIMEOUT_MS: '5000' } });

const clients: ChatClient[] = [];
afterEach(async () => {
  server.setNetboxFaults({});
  await Promise.all(clients.splice(0).map((client) => client.close()));
});

async function ask(question: string) {
  const client = await ChatClient.connect(server.wsUrl);
  clients.push(client);
  const { conversationId, turnId } = await client.ask(question);
  return { client, conversationId, events: await client.turn(turnId, 60_000) };
}

describe('a slow or hung NetBox is a slow or failed tool, never a failed model', () => {
  it('waits for a slow NetBox, says the call is slow, and answers from its result', async () => {
    server.setNetboxFaults({ latencyMs: 3_500 });
    const { conversationId, events } = await ask('Which devices are in site chi-dc1?');
    expect(events.at(-1)).toMatchObject({ type: 'done', stopReason: 'end_turn' });
    const use = events.find((e): e is ToolUseEvent => e.type === 'tool_use');
    const slow = events.find((e): e is NoticeEvent => e.type === 'notice' && e.code === 'TOOL_SLOW');
    expect(slow).toMatchObject({ toolUseId: use?.toolUseId, message: expect.stringMatching(/^NetBox is slow to answer; still waiting \(\d+ s so far\)\.$/) });
    const result = events.find((e): e is ToolResultEvent => e.type === 'tool_result');
    expect(result).toMatchObject({ isError: false });
    expect(result?.durationMs).toBeGreaterThan(2_500);
    expect(textOf(events)).toContain('chi-dc1');
    const stored = (await (await fetch(`${server.url}/api/conversations/${conversationId}`)).json()) as { messages: { status: string; toolCalls: { status: string }[] }[] };
    expect(stored.messages[1]).toMatchObject({ status: 'complete', toolCalls: [{ status: 'ok' }] });
  }, 90_000);

  it('reports a NetBox that never answers as a failed tool call, and the answer says so', async () => {
    server.setNetboxFaults({ hangRate: 1 });
    const { events } = await ask('Which devices are in site chi-dc1?');
    expect(events.filter((e) => e.type === 'error')).toEqual([]);
    expect(events.at(-1)).toMatchObject({ type: 'done', stopReason: 'end_turn' });
    const result = events.find((e): e is ToolResultEvent => e.type === 'tool_result');
    expect(result).toMatchObject({ isError: true, summary: expect.stringMatching(/^NETBOX_TIMEOUT: /) });
    expect(textOf(events)).toMatch(/NetBox could not answer that/);
  }, 90_000);
});
