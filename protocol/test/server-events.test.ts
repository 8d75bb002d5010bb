import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as protocol from '../src/index.ts';
import {
  ERROR_CODES,
  ERROR_DEFAULTS,
  ServerEventSchema,
  TextEventSchema,
  type ServerEvent,
} from '../src/index.ts';

const turn = { conversationId: 'c1', turnId: 't1' };

/** One of every event, as the server sends them. */
const EVENTS: ServerEvent[] = [
  {
    type: 'connected',
    protocolVersion: protocol.PROTOCOL_VERSION,
    user: { id: 'local', username: 'local' },
    mode: 'demo',
    model: { configured: false, reason: 'No model is configured: set ANTHROPIC_API_KEY.' },
    netboxUrl: 'http://127.0.0.1:8001',
    limits: { maxFrameBytes: protocol.MAX_FRAME_BYTES, maxMessageChars: 16_000, rateLimitPerMinute: 30 },
  },
  { type: 'conversation', conversationId: 'c1', title: 'Devices in dc1', seq: 1 },
  { type: 'turn_start', ...turn, seq: 2, messageId: 'u1', content: 'which devices are in dc1?', clientMessageId: 'm1' },
  { type: 'thinking', ...turn, seq: 3, content: 'The user wants devices filtered by site.' },
  {
    type: 'tool_use',
    ...turn,
    seq: 4,
    toolUseId: 'toolu_01',
    name: 'mcp__netbox__netbox_get_objects',
    input: { object_type: 'dcim.device', filters: { site: 'dc1' } },
    summary: 'Devices in site dc1',
  },
  {
    type: 'tool_result',
    ...turn,
    seq: 5,
    toolUseId: 'toolu_01',
    isError: false,
    summary: '12 devices',
    rows: 12,
    total: 12,
    truncated: false,
    queries: ['/api/dcim/devices/?site=dc1&limit=50'],
    links: {
      list: 'http://127.0.0.1:8001/dcim/devices/?site=dc1',
      objects: { 'dcim.device:1': 'http://127.0.0.1:8001/dcim/devices/1/' },
      names: { 'dc1-cr01': 'http://127.0.0.1:8001/dcim/devices/1/' },
    },
    durationMs: 42,
  },
  { type: 'notice', ...turn, seq: 6, code: 'MODEL_RETRYING', message: 'The model is overloaded; retrying (2 of 10).' },
  { type: 'text_reset', ...turn, seq: 6, length: 0 },
  { type: 'notice', ...turn, seq: 6, code: 'TOOL_SLOW', message: 'NetBox is slow to answer; still waiting (5 s).', toolUseId: 'toolu_01' },
  { type: 'text', ...turn, seq: 7, content: 'There are ', completed: false },
  { type: 'text', ...turn, seq: 8, content: '12 devices.', completed: true },
  {
    type: 'done',
    ...turn,
    seq: 9,
    messageId: 'a1',
    usage: { input_tokens: 2100, output_tokens: 80, cache_creation_input_tokens: 0, cache_read_input_tokens: 1800 },
    costUsd: 0.0042,
    durationMs: 2300,
    stopReason: 'end_turn',
  },
  { type: 'error', code: 'MODEL_OVERLOADED', message: 'The AI model is overloaded.', retryable: true, ...turn, seq: 10 },
  { type: 'error', code: 'BAD_FRAME', message: 'The frame is not valid JSON.', retryable: false },
  { type: 'pong' },
  { type: 'busy', conversationId: 'c1', position: 2 },
  { type: 'resumed', conversationId: 'c1', lastSeq: 10, turnRunning: false, reload: false },
];

describe('server events', () => {
  it('validates one of every type and survives a JSON round trip unchanged', () => {
    const types = new Set(EVENTS.map((event) => event.type));
    expect(types).toEqual(new Set(ServerEventSchema.options.map((option) => option.shape.type.value)));
    for (const event of EVENTS) {
      const wire = JSON.stringify(event);
      expect(ServerEventSchema.parse(JSON.parse(wire)), event.type).toEqual(event);
    }
  });

  it("keeps the seed plan's bare text chunks valid", () => {
    expect(ServerEventSchema.parse({ type: 'text', content: 'Hello', completed: false })).toEqual({
      type: 'text',
      content: 'Hello',
      completed: false,
    });
    expect(TextEventSchema.safeParse({ type: 'text', content: '', completed: true }).success).toBe(true);
  });

  it('refuses events that break the contract', () => {
    const bad: unknown[] = [
      { type: 'text', content: 'x' }, // no completed
      { type: 'tool_use', ...turn, seq: 1, toolUseId: 't', name: 'x', input: {} }, // no summary
      { type: 'error', code: 'TEAPOT', message: 'x', retryable: false },
      { type: 'done', ...turn, seq: 0, usage: { input_tokens: 1, output_tokens: 1 }, costUsd: 0, durationMs: 1, stopReason: 'end_turn' },
      { type: 'busy', conversationId: 'c1', position: 0 },
      { type: 'text_reset', ...turn, seq: 1, length: -1 },
      { type: 'nonsense' },
    ];
    for (const value of bad) expect(ServerEventSchema.safeParse(value).success, JSON.stringify(value)).toBe(false);
  });

  it('has a safe default message and retry hint for every error code', () => {
    for (const code of ERROR_CODES) {
      expect(ERROR_DEFAULTS[code].message.length).toBeGreaterThan(10);
      expect(typeof ERROR_DEFAULTS[code].retryable).toBe('boolean');
    }
    expect(ERROR_CODES).toEqual(
      expect.arrayContaining([
        'MODEL_NOT_CONFIGURED',
        'MODEL_UNAVAILABLE',
        'MODEL_OVERLOADED',
        'NETBOX_UNREACHABLE',
        'NETBOX_AUTH',
        'RATE_LIMITED',
        'BUSY',
        'BAD_FRAME',
        'FRAME_TOO_LARGE',
        'NOT_FOUND',
        'UNAUTHORIZED',
        'STORE_UNAVAILABLE',
        'INTERNAL',
      ]),
    );
  });

  it('every exported schema converts to JSON Schema, for the OpenAPI document', () => {
    const schemas = Object.entries(protocol).filter(([, value]) => value instanceof z.ZodType);
    expect(schemas.length).toBeGreaterThan(30);
    for (const [name, schema] of schemas) {
      expect(() => z.toJSONSchema(schema as z.ZodType), name).not.toThrow();
    }
  });
});
