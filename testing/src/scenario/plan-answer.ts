import type { AssistantBlock } from '../anthropic/assistant-message.ts';
import { newId } from '../anthropic/assistant-message.ts';
import type { ConversationView } from '../anthropic/conversation.ts';
import type { Fault } from '../faults/fault-schema.ts';
import { findRule } from './match-rule.ts';
import type { Scenario } from './scenario-schema.ts';
import { renderTemplate, renderValue } from './template.ts';

export interface PlannedAnswer {
  /** The rule that answered, by name or index; undefined when none matched. */
  readonly rule: string | undefined;
  readonly blocks: readonly AssistantBlock[];
  readonly fault: Fault | undefined;
  readonly chunkDelayMs: number | undefined;
}

// Said when no rule matches, so a test that forgot a rule fails on a readable answer rather than a hang.
const NO_RULE = 'The scripted model has no rule for this conversation.';

export function planAnswer(scenario: Scenario, view: ConversationView): PlannedAnswer {
  const rule = findRule(scenario, view);
  if (!rule) return { rule: undefined, blocks: [{ type: 'text', text: NO_RULE }], fault: undefined, chunkDelayMs: undefined };
  const blocks = rule.reply.map((block): AssistantBlock =>
    block.type === 'text'
      ? { type: 'text', text: renderTemplate(block.text, view) }
      : { type: 'tool_use', id: newId('toolu'), name: block.name, input: renderValue(block.input, view) as Record<string, unknown> },
  );
  return {
    rule: rule.name ?? `#${scenario.rules.indexOf(rule)}`,
    blocks,
    fault: rule.fault,
    chunkDelayMs: rule.chunkDelayMs,
  };
}
