import { context, SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import type { AroundToolCall } from '@netbox-chatbox/netbox-mcp';
import type { AgentEvent } from '../agent/index.ts';
import type { Metrics, ToolOutcome, TurnOutcome } from './metrics.ts';
import { TRACER_NAME } from './tracing.ts';

/** How a turn ended, in the terms of its last protocol event. */
export interface TurnSummary {
  readonly outcome: TurnOutcome;
  readonly errorCode?: string;
  readonly usage?: { inputTokens: number; outputTokens: number; cacheReadTokens: number; cacheCreationTokens: number };
  readonly costUsd?: number;
}

interface TurnState {
  readonly started: number;
  readonly span: Span;
  readonly spanContext: Context;
  readonly model: string;
  firstToken: boolean;
  readonly tools: Map<string, { name: string; started: number }>;
}

/** The tool ids a turn's tool_use events named, for aroundToolCall: a call arrives after its tool_use. */
const TOOL_ID_LIMIT = 10_000;

/**
 * A turn's metrics and its trace: the turn span from question to end, a span per model request (from the SDK's
 * stream events), a span per tool call (opened around the in-process NetBox tool itself, so its NetBox requests
 * nest under it) and the NetBox requests (netbox-request-watch.ts). Fed by the turn lifecycle at its three points:
 * begin, each agent event, end.
 */
export class TurnTelemetry {
  private readonly metrics: Metrics;
  private readonly turns = new Map<string, TurnState>();
  /** tool_use id → its turn, for a tool call to find its parent span. */
  private readonly toolTurns = new Map<string, string>();
  private readonly tracer = trace.getTracer(TRACER_NAME);

  constructor(metrics: Metrics) {
    this.metrics = metrics;
  }

  begin(turn: { conversationId: string; turnId: string; model: string }): void {
    const span = this.tracer.startSpan(
      'chat turn',
      { kind: SpanKind.SERVER, attributes: { 'chatbox.conversation_id': turn.conversationId, 'chatbox.turn_id': turn.turnId, 'gen_ai.request.model': turn.model } },
      // A turn is a trace of its own, whatever request or socket frame started it.
      trace.deleteSpan(context.active()),
    );
    this.turns.set(turn.turnId, { started: performance.now(), span, spanContext: trace.setSpan(context.active(), span), model: turn.model, firstToken: false, tools: new Map() });
  }

  event(event: AgentEvent): void {
    const turn = this.turns.get(event.turnId);
    if (!turn) return;
    switch (event.type) {
      case 'text':
        if (!turn.firstToken && event.text !== '') {
          turn.firstToken = true;
          this.metrics.firstToken((performance.now() - turn.started) / 1000);
          turn.span.addEvent('first token');
        }
        return;
      case 'tool_use':
        turn.tools.set(event.toolUseId, { name: event.name, started: performance.now() });
        this.rememberTool(event.toolUseId, event.turnId);
        return;
      case 'tool_result': {
        const call = turn.tools.get(event.toolUseId);
        turn.tools.delete(event.toolUseId);
        this.toolTurns.delete(event.toolUseId);
        const outcome: ToolOutcome = !event.isError ? 'ok' : event.errorCode === 'TOOL_DENIED' ? 'denied' : 'error';
        this.metrics.toolCall(call?.name ?? event.name, outcome, call ? (performance.now() - call.started) / 1000 : 0);
        return;
      }
      case 'model_request': {
        const span = this.tracer.startSpan(
          `model ${event.model}`,
          {
            kind: SpanKind.CLIENT,
            startTime: event.startedAt,
            attributes: { 'gen_ai.request.model': event.model, 'gen_ai.usage.input_tokens': event.inputTokens, 'gen_ai.usage.output_tokens': event.outputTokens },
          },
          turn.spanContext,
        );
        if (!event.completed) span.setStatus({ code: SpanStatusCode.ERROR, message: 'stream cut; retried' });
        span.end(event.startedAt + event.durationMs);
        return;
      }
      case 'retry':
        turn.span.addEvent('model retry', { attempt: event.attempt, code: event.code });
        return;
      default:
        return;
    }
  }

  end(turnId: string, summary: TurnSummary): void {
    const turn = this.turns.get(turnId);
    if (!turn) return;
    this.turns.delete(turnId);
    const seconds = (performance.now() - turn.started) / 1000;
    // Tool calls the turn's end cut short (a stop, a failure) never got their result.
    for (const call of turn.tools.values()) this.metrics.toolCall(call.name, summary.outcome === 'stopped' ? 'cancelled' : 'error', (performance.now() - call.started) / 1000);
    this.metrics.turnEnded(summary.outcome, seconds, summary.errorCode);
    if (summary.usage) this.metrics.usage(turn.model, summary.usage, summary.costUsd);
    turn.span.setAttribute('chatbox.outcome', summary.outcome);
    if (summary.outcome === 'error') turn.span.setStatus({ code: SpanStatusCode.ERROR, ...(summary.errorCode ? { message: summary.errorCode } : {}) });
    turn.span.end();
  }

  /** For netbox-mcp's aroundToolCall: a span for the tool's own work, under its turn's span when it has one. */
  readonly aroundToolCall: AroundToolCall = (call, run) => {
    const turnId = call.toolUseId ? this.toolTurns.get(call.toolUseId) : undefined;
    const parent = (turnId && this.turns.get(turnId)?.spanContext) || context.active();
    const span = this.tracer.startSpan(`tool ${call.tool}`, { kind: SpanKind.INTERNAL, attributes: { 'gen_ai.tool.name': call.tool } }, parent);
    return context.with(trace.setSpan(parent, span), async () => {
      try {
        const result = await run();
        // A tool reports its failures as a result for the model, not as a throw.
        if ((result as { isError?: unknown } | undefined)?.isError === true) span.setStatus({ code: SpanStatusCode.ERROR });
        return result;
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw error;
      } finally {
        span.end();
      }
    });
  };

  private rememberTool(toolUseId: string, turnId: string): void {
    if (this.toolTurns.size >= TOOL_ID_LIMIT) this.toolTurns.delete(this.toolTurns.keys().next().value as string);
    this.toolTurns.set(toolUseId, turnId);
  }
}
