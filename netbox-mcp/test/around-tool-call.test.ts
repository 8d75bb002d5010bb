import { AsyncLocalStorage } from 'node:async_hooks';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useMcp } from './support/mcp-harness.ts';

const inCall = new AsyncLocalStorage<string>();
const wrapped: string[] = [];
const requestsSeenIn: Array<string | undefined> = [];
const onRequest = () => requestsSeenIn.push(inCall.getStore());

const mcp = useMcp(undefined, () => ({
  aroundToolCall: ({ tool, toolUseId }, run) => {
    wrapped.push(`${tool}:${toolUseId ?? '-'}`);
    return inCall.run(tool, run);
  },
}));

beforeAll(() => subscribe('undici:request:create', onRequest));
afterAll(() => unsubscribe('undici:request:create', onRequest));

describe('aroundToolCall, the host’s hook around each tool call', () => {
  it('runs around every call, and the NetBox requests the tool makes happen inside it', async () => {
    const result = await mcp.call('netbox_count_objects', { object_type: 'dcim.site' });
    expect(result.isError).toBe(false);
    expect(wrapped).toEqual(['netbox_count_objects:-']);
    expect(requestsSeenIn.length).toBeGreaterThan(0);
    expect(requestsSeenIn.every((store) => store === 'netbox_count_objects')).toBe(true);
  });

  it('still returns a tool error as a result, not a throw, with the hook in place', async () => {
    const result = await mcp.call('netbox_get_objects', { object_type: 'dcim.nonsense' });
    expect(result.isError).toBe(true);
    expect(wrapped.at(-1)).toBe('netbox_get_objects:-');
  });

  it('hands over the tool_use id Claude Code sends in the request’s _meta', async () => {
    await mcp.client.callTool({ name: 'netbox_describe_type', arguments: { object_type: 'dcim.site' }, _meta: { 'claudecode/toolUseId': 'toolu_123' } });
    expect(wrapped.at(-1)).toBe('netbox_describe_type:toolu_123');
  });
});
