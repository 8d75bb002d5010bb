import type { AgentEvent } from '../../../src/agent/index.ts';

/** Collects a session's events and waits for a turn to end. */
export class EventLog {
  readonly events: AgentEvent[] = [];
  /** `performance.now()` when each event arrived. */
  readonly times: number[] = [];
  private readonly listeners = new Set<() => void>();

  readonly sink = (event: AgentEvent): void => {
    this.events.push(event);
    this.times.push(performance.now());
    for (const listener of this.listeners) listener();
  };

  forTurn(turnId: string): AgentEvent[] {
    return this.events.filter((event) => event.turnId === turnId);
  }

  /** When the turn's first text arrived. */
  firstTextAt(turnId: string): number | undefined {
    const index = this.events.findIndex((e) => e.turnId === turnId && e.type === 'text');
    return index < 0 ? undefined : this.times[index];
  }

  text(turnId: string): string {
    return this.forTurn(turnId)
      .flatMap((event) => (event.type === 'text' ? [event.text] : []))
      .join('');
  }

  /** Resolves with the turn's `done` or `error` event. */
  ended(turnId: string, timeoutMs = 20_000): Promise<AgentEvent> {
    return this.until((events) => events.find((e) => e.turnId === turnId && (e.type === 'done' || e.type === 'error')), timeoutMs, `turn ${turnId} to end`);
  }

  until<T>(pick: (events: readonly AgentEvent[]) => T | undefined, timeoutMs = 20_000, what = 'an event'): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = (): boolean => {
        const found = pick(this.events);
        if (found === undefined) return false;
        cleanup();
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.listeners.delete(listener);
      };
      const listener = (): void => void check();
      this.listeners.add(listener);
      check();
    });
  }
}
