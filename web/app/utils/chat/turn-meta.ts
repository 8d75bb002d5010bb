import type { Turn } from './thread-state.ts';

export interface TurnMetaLine {
  readonly label: string;
  readonly value: string;
}

/** Tokens, cost and time of an ended turn, as label/value lines; empty when the server reported none. */
export function turnMetaLines(turn: Pick<Turn, 'usage' | 'costUsd' | 'durationMs' | 'stopReason'>): TurnMetaLine[] {
  const lines: TurnMetaLine[] = [];
  const usage = turn.usage;
  if (usage) {
    const cached = (usage.cache_read_input_tokens ?? 0) + (usage.cache_creation_input_tokens ?? 0);
    const input = usage.input_tokens + cached;
    lines.push({ label: 'Input tokens', value: `${count(input)}${usage.cache_read_input_tokens ? ` (${count(usage.cache_read_input_tokens)} cached)` : ''}` });
    lines.push({ label: 'Output tokens', value: count(usage.output_tokens) });
  }
  if (turn.costUsd !== undefined) lines.push({ label: 'Cost', value: cost(turn.costUsd) });
  if (turn.durationMs !== undefined) lines.push({ label: 'Time', value: duration(turn.durationMs) });
  if (turn.stopReason && turn.stopReason !== 'end_turn') lines.push({ label: 'Ended', value: STOP_WORDS[turn.stopReason] ?? turn.stopReason });
  return lines;
}

const STOP_WORDS: Record<string, string> = {
  stopped: 'stopped by you',
  max_tokens: 'answer too long (cut off)',
  max_turns: 'too many tool calls',
  refusal: 'the model declined',
  other: 'other reason',
};

function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** Dollars with enough digits to tell small turns apart: $0.0042, $0.12, $3.50. */
export function cost(usd: number): string {
  if (usd === 0) return '$0';
  if (usd < 0.01) return `$${usd.toFixed(4)}`;
  return `$${usd.toFixed(2)}`;
}

/** 850 ms, 2.3 s, 1 min 5 s. */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
