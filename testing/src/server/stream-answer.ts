import type { ServerResponse } from 'node:http';
import { formatSse, isContentDelta, type SseEvent } from '../anthropic/sse-events.ts';
import type { CutFault, StallFault } from '../faults/fault-schema.ts';
import { abortableSleep } from './abortable-sleep.ts';

export interface StreamOptions {
  readonly chunkDelayMs: number;
  /** A stall that waits after some chunks, or a cut; a stall before the first byte is the route's job. */
  readonly fault: StallFault | CutFault | undefined;
  readonly signal: AbortSignal;
  readonly requestId: string;
}

/**
 * Writes an answer as server-sent events, pausing between content deltas. The fault point is counted in
 * content deltas; a fault point past the last delta hits just before `message_delta`, so a cut answer is
 * always missing its stop reason.
 */
export async function streamAnswer(raw: ServerResponse, events: readonly SseEvent[], options: StreamOptions): Promise<void> {
  const { fault, signal } = options;
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'request-id': options.requestId,
  });
  raw.flushHeaders();
  let deltas = 0;
  let faultDone = false;
  for (const event of events) {
    const atFaultPoint = isContentDelta(event) || event.event === 'message_delta';
    if (atFaultPoint && fault && !faultDone) {
      const point = 'cutAfterChunks' in fault ? fault.cutAfterChunks : (fault.afterChunks ?? 0);
      if (deltas >= point || event.event === 'message_delta') {
        faultDone = true;
        if ('cutAfterChunks' in fault) {
          raw.destroy();
          return;
        }
        if (!(await abortableSleep(fault.stallMs, signal))) return;
      }
    }
    if (isContentDelta(event)) {
      if (deltas > 0 && !(await abortableSleep(options.chunkDelayMs, signal))) return;
      deltas++;
    }
    if (raw.destroyed) return;
    await write(raw, formatSse(event));
  }
  raw.end();
}

/** Resolves once the bytes are handed to the socket, so a cut that follows never swallows them. */
function write(raw: ServerResponse, text: string): Promise<void> {
  return new Promise((resolve) => raw.write(text, () => resolve()));
}
