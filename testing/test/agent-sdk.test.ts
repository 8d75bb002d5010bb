import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SDKMessage } from '@anthropic-ai/claude-agent-sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useSandbox } from '../../netbox-sandbox/test/support/test-sandbox.ts';
import { defaultScenario, startScriptedModel, type ScriptedModel } from '../src/index.ts';
import { runAgent, type AgentRunOptions } from './support/run-agent.ts';

/**
 * The real Agent SDK and Claude Code CLI against the scripted model, with our NetBox MCP server in-process
 * against a sandbox NetBox: what the chat server does, minus the server.
 */
const sandbox = useSandbox();
const scratch = mkdtempSync(join(tmpdir(), 'agent-sdk-test-'));
const forbiddenFile = join(scratch, 'bash-ran');

let model: ScriptedModel;
beforeAll(async () => {
  model = await startScriptedModel({
    scenario: {
      rules: [
        {
          name: 'try forbidden tools',
          when: { user: 'run the forbidden tools' },
          reply: [
            { type: 'text', text: 'Trying tools I should not have.' },
            { type: 'tool_use', name: 'Bash', input: { command: `touch ${forbiddenFile}`, description: 'create a file' } },
            { type: 'tool_use', name: 'Read', input: { file_path: '/etc/hostname' } },
            { type: 'tool_use', name: 'WebFetch', input: { url: 'http://127.0.0.1:9/', prompt: 'summarize' } },
          ],
        },
        ...defaultScenario().rules,
      ],
    },
    chunkDelayMs: 5,
  });
});
afterAll(async () => {
  await model?.close();
  rmSync(scratch, { recursive: true, force: true });
});
beforeEach(() => {
  model.clearRequests();
  model.setFaults([]);
});

function run(prompts: string[], env?: Record<string, string>) {
  const options: AgentRunOptions = { modelUrl: model.url, netbox: { url: sandbox.current.url, token: sandbox.current.token }, prompts, ...(env ? { env } : {}) };
  return runAgent(options);
}

function textDeltas(messages: readonly SDKMessage[]): string[] {
  return messages.flatMap((m) =>
    m.type === 'stream_event' && m.event.type === 'content_block_delta' && m.event.delta.type === 'text_delta' ? [m.event.delta.text] : [],
  );
}

interface LoggedBody {
  messages: { role: string; content: string | { type: string; text?: string; content?: unknown; is_error?: boolean; tool_use_id?: string }[] }[];
}

function toolResultsIn(body: LoggedBody): { text: string; isError: boolean }[] {
  const last = body.messages.filter((m) => m.role === 'user').at(-1);
  if (!last || typeof last.content === 'string') return [];
  return last.content
    .filter((b) => b.type === 'tool_result')
    .map((b) => ({ text: JSON.stringify(b.content ?? ''), isError: b.is_error === true }));
}

describe('the Agent SDK and CLI against the scripted model', () => {
  it('streams the answer in several text deltas before the result', async () => {
    const { messages, results, error } = await run(['hello there']);
    expect(error).toBeUndefined();
    const deltas = textDeltas(messages);
    expect(deltas.length).toBeGreaterThanOrEqual(5);
    const resultAt = messages.findIndex((m) => m.type === 'result');
    const lastDeltaAt = messages.findLastIndex((m) => m.type === 'stream_event' && m.event.type === 'content_block_delta');
    expect(lastDeltaAt).toBeLessThan(resultAt);
    const result = results[0];
    expect(result?.subtype).toBe('success');
    expect(result?.subtype === 'success' && result.result).toBe(deltas.join(''));
    expect(deltas.join('')).toContain('You said: hello there');
  });

  it('runs a scripted NetBox tool call through our MCP server against the sandbox and quotes the result', async () => {
    const { messages, results, asked, error } = await run(['Which devices are in site chi-dc1?']);
    expect(error).toBeUndefined();
    const toolUse = messages.flatMap((m) => (m.type === 'assistant' ? m.message.content : [])).find((b) => b.type === 'tool_use');
    expect(toolUse).toMatchObject({ name: 'mcp__netbox__netbox_get_objects', input: { object_type: 'dcim.device', filters: { site: 'chi-dc1' } } });
    // allowedTools lets our tool through without asking; canUseTool is only for everything else.
    expect(asked).toEqual([]);
    const bodies = model.messageRequests() as LoggedBody[];
    expect(bodies).toHaveLength(2);
    const [fromTool] = toolResultsIn(bodies[1]!);
    expect(fromTool?.isError).toBe(false);
    expect(fromTool?.text).toContain('dcim.device: all 18');
    expect(fromTool?.text).toContain('chi-dc1-cr01');
    const answer = results[0]?.subtype === 'success' ? results[0].result : '';
    expect(answer).toContain('These are the devices in site **chi-dc1**');
    expect(answer).toMatch(/\| chi-dc1-cr01 \| Core Router \|/);
  });

  it('answers the default scenario\'s other NetBox questions with our tools, in one session', async () => {
    const { results, error } = await run(['How many devices per site?', 'what is 10.1.3.4', 'tell me about chi-dc1-cr01', 'search for chi-dc1-fw']);
    expect(error).toBeUndefined();
    const bodies = model.messageRequests() as LoggedBody[];
    const toolResults = bodies.flatMap((body) => toolResultsIn(body));
    expect(toolResults).toHaveLength(4);
    for (const result of toolResults) expect(result.isError).toBe(false);
    const answers = results.map((r) => (r.subtype === 'success' ? r.result : ''));
    expect(answers[0]).toMatch(/\| CHI-DC1 \| 18 \|/);
    expect(answers[1]).toContain('10.1.3.4');
    expect(answers[2]).toContain('chi-dc1-cr01');
    expect(answers[3]).toContain('chi-dc1-fw01');
  });

  it('refuses Bash, Read and WebFetch from the model, and nothing runs', async () => {
    const { messages, asked, error } = await run(['run the forbidden tools']);
    expect(error).toBeUndefined();
    // `tools: []` removes the built-ins before any permission check, so canUseTool is never even asked.
    expect(asked).toEqual([]);
    expect(existsSync(forbiddenFile)).toBe(false);
    const bodies = model.messageRequests() as LoggedBody[];
    expect(bodies).toHaveLength(2);
    const results = toolResultsIn(bodies[1]!);
    expect(results).toHaveLength(3);
    for (const [i, name] of ['Bash', 'Read', 'WebFetch'].entries()) {
      expect(results[i]).toEqual({ isError: true, text: expect.stringContaining(`No such tool available: ${name}`) });
    }
    const final = messages.find((m) => m.type === 'result');
    expect(final?.subtype === 'success' && final.result).toContain('NetBox could not answer that');
  });

  it('retries 529 and then 500, and recovers', async () => {
    model.setFaults([{ status: 529 }, { status: 500 }]);
    const { messages, results, error } = await run(['hello there'], { CLAUDE_CODE_MAX_RETRIES: '3' });
    expect(error).toBeUndefined();
    const retries = messages.flatMap((m) => (m.type === 'system' && m.subtype === 'api_retry' ? [m] : []));
    expect(retries.map((r) => [r.attempt, r.max_retries, r.error_status, r.error])).toEqual([
      [1, 3, 529, 'overloaded'],
      [2, 3, 500, 'server_error'],
    ]);
    expect(results[0]?.subtype).toBe('success');
    expect(results[0]?.is_error).toBe(false);
    expect(model.messageRequests()).toHaveLength(3);
  });

  it('gives up with an error result once retries are spent', async () => {
    model.setFaults([{ status: 529 }, { status: 529 }]);
    const { results } = await run(['hello there'], { CLAUDE_CODE_MAX_RETRIES: '1' });
    expect(results[0]?.is_error).toBe(true);
    expect(results[0]?.subtype === 'success' && results[0].result).toMatch(/^API Error: 529 Overloaded/);
    expect(model.messageRequests()).toHaveLength(2);
  });

  it('sends turn 1 with the request for turn 2 in one streaming-input session', async () => {
    const { results, error } = await run(['hello there', 'and what did I ask first?']);
    expect(error).toBeUndefined();
    expect(results).toHaveLength(2);
    const second = model.messageRequests()[1] as LoggedBody;
    expect(JSON.stringify(second.messages)).toContain('hello there');
    expect(results[1]?.subtype === 'success' && results[1].result).toBe(
      'You first asked: "hello there". Now you say: "and what did I ask first?". This is turn 2.',
    );
  });
});
