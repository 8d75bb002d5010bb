import type { ConversationView } from '../anthropic/conversation.ts';
import { compilePattern } from './pattern.ts';
import type { Rule, Scenario, When } from './scenario-schema.ts';

function lastIs(when: When): 'user' | 'tool_result' | 'any' {
  if (when.on) return when.on;
  return when.toolResult !== undefined || when.toolName !== undefined || when.toolError !== undefined ? 'tool_result' : 'user';
}

export function ruleMatches(when: When, view: ConversationView): boolean {
  const expected = lastIs(when);
  const hasResults = view.toolResults.length > 0;
  if (expected === 'user' && hasResults) return false;
  if (expected === 'tool_result' && !hasResults) return false;
  if (when.turn !== undefined && when.turn !== view.turn) return false;
  if (when.user !== undefined && !compilePattern(when.user).test(view.lastUserText)) return false;
  const wantsResult = when.toolResult !== undefined || when.toolName !== undefined || when.toolError !== undefined;
  if (!wantsResult) return true;
  return view.toolResults.some(
    (result) =>
      (when.toolName === undefined || result.name === when.toolName) &&
      (when.toolError === undefined || result.isError === when.toolError) &&
      (when.toolResult === undefined || compilePattern(when.toolResult).test(result.text)),
  );
}

export function findRule(scenario: Scenario, view: ConversationView): Rule | undefined {
  return scenario.rules.find((rule) => ruleMatches(rule.when, view));
}
