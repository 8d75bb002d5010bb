import { setTimeout as sleep } from 'node:timers/promises';

/** Waits, or returns false early when the client went away (so a stall never outlives its connection). */
export async function abortableSleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (ms <= 0) return !signal.aborted;
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}

/** Aborts when the response's connection closes, whether the client hung up or the server is shutting down. */
export function connectionSignal(response: { once(event: 'close', listener: () => void): unknown }): AbortSignal {
  const controller = new AbortController();
  response.once('close', () => controller.abort());
  return controller.signal;
}
