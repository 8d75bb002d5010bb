import type { ErrorEvent, ServerEvent } from '@netbox-chatbox/protocol';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultScenario, startScriptedModel, type ScriptedModel } from '@netbox-chatbox/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSandbox } from '../../../netbox-sandbox/test/support/test-sandbox.ts';
import { ChatClient, textOf } from './support/chat-client.ts';
import { ServerProcesses } from './support/server-process.ts';
import { API_KEY } from './support/test-server.ts';

const sandbox = useSandbox();
let model: ScriptedModel;
let dataDir: string;
const processes = new ServerProcesses();
const SLOW_WORDS = Array.from({ length: 200 }, (_, i) => `word${i}`).join(' ');

beforeAll(async () => {
  model = await startScriptedModel({
    chunkDelayMs: 2,
    scenario: { rules: [{ name: 'slow', when: { user: '^slow' }, chunkDelayMs: 40, reply: [{ type: 'text', text: SLOW_WORDS }] }, ...defaultScenario().rules] },
  });
  dataDir = mkdtempSync(join(tmpdir(), 'server-crash-'));
});
afterAll(async () => {
  await processes.stopAll();
  await model?.close();
  rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 });
});

/** `npm start` on the built-in store (PGlite) in one data directory: the single-process setup. */
function start() {
  return processes.start({
    NETBOX_URL: sandbox.current.url,
    NETBOX_TOKEN: sandbox.current.token,
    ANTHROPIC_BASE_URL: model.url,
    ANTHROPIC_API_KEY: API_KEY,
    DATA_DIR: dataDir,
  });
}

function turnText(events: readonly ServerEvent[], turnId: string): string {
  return textOf(events.filter((e) => 'turnId' in e && e.turnId === turnId));
}

describe('a server killed mid-answer (kill -9) and started again on the same data', () => {
  it('closes the interrupted turn as the clients saw it, and the model is given every question and answer, the cut one marked', async () => {
    const first = await start();
    const a = await ChatClient.connect(first.wsUrl);
    const hello = await a.ask('hello there');
    await a.turn(hello.turnId);
    const { conversationId } = hello;
    const crashed = await a.ask('slow answer, then a crash', { conversationId });
    await a.until(() => (a.events.filter((e) => e.type === 'text' && e.turnId === crashed.turnId).length >= 10 ? true : undefined));
    await processes.kill(first);
    await a.close();

    const second = await start();
    const b = await ChatClient.connect(second.wsUrl);
    b.send({ type: 'resume', conversationId, afterSeq: 0 });
    await b.next((e) => e.type === 'resumed');
    expect(b.events.find((e): e is ErrorEvent => e.type === 'error' && e.turnId === crashed.turnId)).toMatchObject({ code: 'INTERNAL', retryable: true });
    const logged = turnText(b.events, crashed.turnId);
    expect(logged.startsWith('word0 word1')).toBe(true);
    // Everything a client saw live is in the log, and the stored answer is exactly the log.
    expect(logged.startsWith(turnText(a.events, crashed.turnId))).toBe(true);
    const stored = (await (await fetch(`${second.url}/api/conversations/${conversationId}`)).json()) as { messages: { status: string; content: string }[] };
    expect(stored.messages.at(-1)).toMatchObject({ status: 'error', content: logged });

    model.clearRequests();
    const next = await b.ask('what was my second question?', { conversationId });
    const events = await b.turn(next.turnId);
    expect(textOf(events)).toContain('This is turn 3.');
    const context = JSON.stringify((model.messageRequests() as { messages: unknown[] }[]).at(-1)?.messages);
    for (const expected of ['hello there', 'You said: hello there', 'slow answer, then a crash', logged, 'cut off']) expect(context).toContain(expected);
    await b.close();
    expect(await processes.stop(second)).toBe(0);
  }, 120_000);

  it('goes on after a crash in the middle of a NetBox call: the call the model made is closed as failed, and the question is kept', async () => {
    const first = await start();
    const a = await ChatClient.connect(first.wsUrl);
    sandbox.current.setFaults({ latencyMs: 3_000 });
    try {
      const asked = await a.ask('Which devices are in site chi-dc1?');
      await a.next((e) => e.type === 'tool_use' && e.turnId === asked.turnId);
      // The transcript line with the tool call must have reached the store before the crash.
      await new Promise((resolve) => setTimeout(resolve, 500));
      await processes.kill(first);
      await a.close();
      sandbox.current.setFaults({ latencyMs: 0 });

      const second = await start();
      const b = await ChatClient.connect(second.wsUrl);
      model.clearRequests();
      const next = await b.ask('what did I just ask?', { conversationId: asked.conversationId });
      const events = await b.turn(next.turnId);
      expect(events.at(-1)).toMatchObject({ type: 'done', stopReason: 'end_turn' });
      expect(textOf(events)).toContain('This is turn 2.');
      const messages = (model.messageRequests() as { messages: { role: string; content: unknown }[] }[]).at(-1)?.messages ?? [];
      const context = JSON.stringify(messages);
      expect(context).toContain('Which devices are in site chi-dc1?');
      expect(context).toContain('The server stopped before this tool call finished.');
      expect(context).toContain('cut off');
      await b.close();
      expect(await processes.stop(second)).toBe(0);
    } finally {
      sandbox.current.setFaults({ latencyMs: 0 });
    }
  }, 120_000);
});
