import { describe, expect, it } from 'vitest';
import {
  ClientCommandSchema,
  ClientFrameSchema,
  ErrorEventSchema,
  MAX_FRAME_BYTES,
  MAX_MESSAGE_CHARS,
  parseClientFrame,
  protocolError,
  type ClientCommand,
  type ErrorCode,
  type ErrorEvent,
} from '../src/index.ts';

function command(text: string): ClientCommand {
  const result = parseClientFrame(text);
  if (!result.ok) throw new Error(`expected a command, got ${JSON.stringify(result.error)}`);
  return result.command;
}

function error(text: string, options?: Parameters<typeof parseClientFrame>[1]): ErrorEvent {
  const result = parseClientFrame(text, options);
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.command)}`);
  // Whatever comes back must itself be a valid event the server can send as it is.
  expect(ErrorEventSchema.parse(result.error)).toEqual(result.error);
  return result.error;
}

function codeOf(text: string): ErrorCode {
  return error(text).code;
}

describe('parseClientFrame: commands', () => {
  it('reads every command and round-trips it through JSON', () => {
    const commands: ClientCommand[] = [
      { type: 'message', content: 'which devices are in site dc1?' },
      { type: 'message', conversationId: 'c_123', content: 'and in dc2?', clientMessageId: 'm-1' },
      { type: 'stop', conversationId: 'c_123' },
      { type: 'resume', conversationId: 'c_123', afterSeq: 0 },
      { type: 'resume', conversationId: 'c_123', afterSeq: 41 },
      { type: 'ping' },
    ];
    for (const sent of commands) {
      expect(command(JSON.stringify(sent))).toEqual(sent);
      expect(ClientCommandSchema.parse(sent)).toEqual(sent);
    }
  });

  it("normalizes the seed's bare {message} form into a message command", () => {
    expect(command('{"message": "List all devices in Netbox"}')).toEqual({
      type: 'message',
      content: 'List all devices in Netbox',
    });
    expect(command('{"message": "and in dc2?", "conversationId": "abc-1"}')).toEqual({
      type: 'message',
      content: 'and in dc2?',
      conversationId: 'abc-1',
    });
    expect(ClientFrameSchema.safeParse({ message: 'hi' }).success).toBe(true);
  });

  it('tolerates the seed field name with our type', () => {
    expect(command('{"type":"message","message":"hi"}')).toEqual({ type: 'message', content: 'hi' });
  });

  it('keeps the content exactly as sent, whitespace and Markdown included', () => {
    const content = '  | a | b |\n|---|---|\n```\ncode\n```\n';
    expect(command(JSON.stringify({ type: 'message', content }))).toEqual({ type: 'message', content });
  });

  it('drops fields it does not know, so newer clients still work', () => {
    expect(command('{"type":"ping","at":123}')).toEqual({ type: 'ping' });
    expect(command('{"type":"stop","conversationId":"c1","reason":"user"}')).toEqual({
      type: 'stop',
      conversationId: 'c1',
    });
  });

  it('accepts a message right at the limits', () => {
    const content = 'x'.repeat(MAX_MESSAGE_CHARS);
    expect(command(JSON.stringify({ type: 'message', content }))).toEqual({ type: 'message', content });
    // Three UTF-8 bytes per character still fits one frame.
    const wide = '€'.repeat(MAX_MESSAGE_CHARS);
    expect(command(JSON.stringify({ type: 'message', content: wide }))).toMatchObject({ content: wide });
  });
});

describe('parseClientFrame: bad frames', () => {
  it('BAD_FRAME for text that is not JSON, or JSON that is not an object', () => {
    for (const text of ['', 'hello', '{"type":', '{type:"ping"}', 'null', '42', '"ping"', '[{"type":"ping"}]']) {
      expect(codeOf(text), text).toBe('BAD_FRAME');
    }
    expect(error('hello').message).toBe('The frame is not valid JSON.');
  });

  it('BAD_FRAME for a missing or non-string type', () => {
    expect(error('{}').message).toMatch(/needs a "type"/);
    expect(codeOf('{"content":"hi"}')).toBe('BAD_FRAME');
    expect(codeOf('{"type":7}')).toBe('BAD_FRAME');
    expect(codeOf('{"type":null}')).toBe('BAD_FRAME');
    expect(codeOf('{"type":["message"]}')).toBe('BAD_FRAME');
  });

  it('UNKNOWN_TYPE for a type it does not know, naming it briefly', () => {
    expect(error('{"type":"delete_everything"}')).toEqual({
      type: 'error',
      code: 'UNKNOWN_TYPE',
      message: 'Unknown frame type "delete_everything"; known types are message, stop, resume and ping.',
      retryable: false,
    });
    const long = error(JSON.stringify({ type: 'y'.repeat(5000) }));
    expect(long.code).toBe('UNKNOWN_TYPE');
    expect(long.message.length).toBeLessThan(150);
    // Inherited property names are not commands.
    expect(codeOf('{"type":"toString"}')).toBe('UNKNOWN_TYPE');
    expect(codeOf('{"type":"__proto__"}')).toBe('UNKNOWN_TYPE');
  });

  it('BAD_FRAME naming the field for wrong field types', () => {
    expect(error('{"type":"message","content":42}').message).toBe('Invalid frame: "content": expected string.');
    expect(error('{"message":42}').message).toBe('Invalid frame: "message": expected string.');
    expect(error('{"type":"stop"}').message).toBe('Invalid frame: "conversationId": expected string.');
    expect(error('{"type":"resume","conversationId":"c1","afterSeq":"3"}').message).toBe(
      'Invalid frame: "afterSeq": expected number.',
    );
    expect(codeOf('{"type":"resume","conversationId":"c1","afterSeq":-1}')).toBe('BAD_FRAME');
    expect(codeOf('{"type":"resume","conversationId":"c1","afterSeq":1.5}')).toBe('BAD_FRAME');
    expect(codeOf('{"type":"resume","conversationId":"c1"}')).toBe('BAD_FRAME');
    expect(error('{"type":"stop","conversationId":"../../etc"}').message).toMatch(/"conversationId": expected letters/);
  });

  it('never quotes the values it was sent', () => {
    const secret = 'nbt_abcdef.0123456789SECRET';
    for (const text of [
      JSON.stringify({ type: 'stop', conversationId: secret }),
      JSON.stringify({ type: 'message', content: 7, clientMessageId: secret + '!' }),
      `{"type":"message","content":"${secret}"`,
    ]) {
      expect(JSON.stringify(error(text))).not.toContain('SECRET');
    }
  });

  it('BAD_FRAME for an empty or blank message', () => {
    expect(error('{"type":"message","content":""}').message).toBe('The message is empty.');
    expect(error('{"message":" \\n\\t "}').message).toBe('The message is empty.');
  });

  it('MESSAGE_TOO_LONG past the limit, echoing the ids so the client knows which send failed', () => {
    const content = 'x'.repeat(MAX_MESSAGE_CHARS + 1);
    expect(error(JSON.stringify({ type: 'message', conversationId: 'c1', content, clientMessageId: 'm7' }))).toEqual({
      type: 'error',
      code: 'MESSAGE_TOO_LONG',
      message: 'The message is 16,001 characters; the limit is 16,000.',
      retryable: false,
      conversationId: 'c1',
      clientMessageId: 'm7',
    });
    expect(codeOf(JSON.stringify({ message: content }))).toBe('MESSAGE_TOO_LONG');
  });

  it("applies the server's lower limit, but never a higher one than the protocol's", () => {
    expect(error('{"message":"hello world"}', { maxMessageChars: 5 }).message).toBe(
      'The message is 11 characters; the limit is 5.',
    );
    const over = JSON.stringify({ message: 'x'.repeat(MAX_MESSAGE_CHARS + 1) });
    expect(error(over, { maxMessageChars: 10 * MAX_MESSAGE_CHARS, maxFrameBytes: 10 * MAX_FRAME_BYTES }).code).toBe(
      'MESSAGE_TOO_LONG',
    );
  });

  it('FRAME_TOO_LARGE past the byte limit, counting UTF-8 bytes, before parsing', () => {
    const big = JSON.stringify({ type: 'message', content: 'x'.repeat(MAX_FRAME_BYTES) });
    expect(error(big)).toEqual({
      type: 'error',
      code: 'FRAME_TOO_LARGE',
      message: 'The frame is larger than the limit of 65,536 bytes.',
      retryable: false,
    });
    // Not JSON, but too large is what the client needs to hear.
    expect(codeOf('{'.repeat(MAX_FRAME_BYTES + 1))).toBe('FRAME_TOO_LARGE');
    // 30,000 characters of 3-byte text: short in characters, 90,000 bytes on the wire.
    expect(error(JSON.stringify({ message: '€'.repeat(30_000) }), { maxMessageChars: 40_000 }).code).toBe(
      'FRAME_TOO_LARGE',
    );
    expect(codeOf('{"message":"' + '😀'.repeat(MAX_FRAME_BYTES / 4) + '"}')).toBe('FRAME_TOO_LARGE');
    expect(error('{"type":"ping"}', { maxFrameBytes: 8 }).code).toBe('FRAME_TOO_LARGE');
  });

  it('never throws, whatever it is given', () => {
    const odd: unknown[] = [undefined, null, 42, {}, Buffer.from('{"type":"ping"}'), '\u0000', '\ud800', '{"a":'.repeat(10_000)];
    for (const value of odd) {
      const result = parseClientFrame(value as string);
      expect(result.ok).toBe(false);
    }
  });
});

describe('protocolError', () => {
  it("uses the code's default wording and retry hint unless told otherwise", () => {
    expect(protocolError('RATE_LIMITED')).toEqual({
      type: 'error',
      code: 'RATE_LIMITED',
      message: 'You are sending messages too quickly. Wait a moment and try again.',
      retryable: true,
    });
    expect(protocolError('NOT_FOUND', 'No such conversation.', { conversationId: 'c9' })).toEqual({
      type: 'error',
      code: 'NOT_FOUND',
      message: 'No such conversation.',
      retryable: false,
      conversationId: 'c9',
    });
  });
});
