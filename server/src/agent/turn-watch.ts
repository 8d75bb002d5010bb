import type { AgentErrorCode } from './agent-errors.ts';

export interface TurnWatchOptions {
  /** No SDK message for this long means the stream is stuck. */
  readonly stallMs: number;
  /** While a tool call runs, it may take this long instead. */
  readonly toolLimitMs: number;
  /** A tool call running this long is reported as slow. */
  readonly toolSlowMs: number;
  /** The turn gave out: interrupt it. */
  readonly onStall: (waitingForTool: boolean, limitMs: number) => void;
  readonly onSlowTool: (toolUseId: string, name: string, elapsedMs: number) => void;
}

/**
 * The watchdog of one turn. The CLI has no stall timeout of its own for a stream that stops mid-answer
 * (testing/README.md), so silence longer than `stallMs` ends the turn. While a tool call runs the model is
 * silent by design: then the watchdog waits for the tool instead (`toolLimitMs`), and says when a call is slow.
 * A slow NetBox is a slow tool, not a stalled model.
 */
export class TurnWatch {
  /** Why the watchdog gave up on the turn, once it has. */
  stalled: 'model' | 'tool' | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Tool calls started and not finished yet, with their slow-call timers. */
  private readonly tools = new Map<string, NodeJS.Timeout>();
  private stopped = false;
  private readonly options: TurnWatchOptions;

  constructor(options: TurnWatchOptions) {
    this.options = options;
  }

  /** Something arrived: the silence starts again (`extraMs` more when the CLI said it will wait, to retry). */
  arm(extraMs = 0): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    const waitingForTool = this.tools.size > 0;
    const limitMs = (waitingForTool ? this.options.toolLimitMs : this.options.stallMs) + extraMs;
    this.timer = setTimeout(() => {
      if (this.stopped) return;
      this.stalled = waitingForTool ? 'tool' : 'model';
      this.options.onStall(waitingForTool, limitMs);
    }, limitMs);
  }

  toolStarted(toolUseId: string, name: string): void {
    if (this.stopped || this.tools.has(toolUseId)) return;
    const startedAt = performance.now();
    const timer = setTimeout(() => {
      if (!this.stopped && this.tools.has(toolUseId)) this.options.onSlowTool(toolUseId, name, Math.round(performance.now() - startedAt));
    }, this.options.toolSlowMs);
    this.tools.set(toolUseId, timer);
  }

  toolFinished(toolUseId: string): void {
    clearTimeout(this.tools.get(toolUseId));
    this.tools.delete(toolUseId);
  }

  /** The error a turn that the watchdog gave up on ends with. */
  get stallCode(): AgentErrorCode | undefined {
    if (this.stalled === 'tool') return 'TOOL_STALLED';
    if (this.stalled === 'model') return 'MODEL_STALLED';
    return undefined;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    for (const timer of this.tools.values()) clearTimeout(timer);
    this.tools.clear();
  }
}
