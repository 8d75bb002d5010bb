import { z } from 'zod';
import { faultSchema } from '../faults/fault-schema.ts';
import { patternError } from './pattern.ts';
import { parseTemplate } from './template.ts';

const pattern = z.string().superRefine((value, ctx) => {
  const error = patternError(value);
  if (error) ctx.addIssue({ code: 'custom', message: `bad pattern: ${error}` });
});

/** Every string that will be rendered must parse as a template when the scenario loads, not mid-test. */
function checkTemplates(value: unknown, ctx: z.RefinementCtx, path: (string | number)[] = []): void {
  if (typeof value === 'string') {
    try {
      parseTemplate(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message, path });
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => checkTemplates(item, ctx, [...path, i]));
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) checkTemplates(item, ctx, [...path, key]);
  }
}

const templateText = z.string().superRefine((value, ctx) => checkTemplates(value, ctx));

export const textReplySchema = z.strictObject({ type: z.literal('text'), text: templateText });

export const toolUseReplySchema = z.strictObject({
  type: z.literal('tool_use'),
  /** As the model names it, e.g. `mcp__netbox__netbox_get_objects` or `Bash`. */
  name: z.string().min(1),
  input: z
    .record(z.string(), z.unknown())
    .default({})
    .superRefine((value, ctx) => checkTemplates(value, ctx)),
});

export const replyBlockSchema = z.discriminatedUnion('type', [textReplySchema, toolUseReplySchema]);

export const whenSchema = z.strictObject({
  /** Matches the newest text the user typed (CLI `<system-reminder>` blocks removed). */
  user: pattern.optional(),
  /** Matches when the last message carries a tool_result whose text matches. */
  toolResult: pattern.optional(),
  /** The tool whose result is in the last message, e.g. `mcp__netbox__netbox_get_objects`. */
  toolName: z.string().optional(),
  /** Whether that tool_result has `is_error`. */
  toolError: z.boolean().optional(),
  /** The user turn being answered, from 1. */
  turn: z.number().int().positive().optional(),
  /**
   * What the last message must be: the user's text (`user`), tool results (`tool_result`) or either
   * (`any`). Defaults to `tool_result` when a tool condition is given and to `user` otherwise, so a rule that
   * calls a tool does not fire again on its own result.
   */
  on: z.enum(['user', 'tool_result', 'any']).optional(),
});

export const ruleSchema = z.strictObject({
  name: z.string().optional(),
  when: whenSchema.default({}),
  reply: z.array(replyBlockSchema).default([]),
  fault: faultSchema.optional(),
  /** Overrides the server's delay between streamed chunks for this rule. */
  chunkDelayMs: z.number().int().min(0).max(60_000).optional(),
});

export const scenarioSchema = z.strictObject({
  name: z.string().optional(),
  /** Tried in order; the first that matches answers. */
  rules: z.array(ruleSchema).min(1),
});

export type ReplyBlock = z.infer<typeof replyBlockSchema>;
export type When = z.infer<typeof whenSchema>;
export type Rule = z.infer<typeof ruleSchema>;
export type Scenario = z.infer<typeof scenarioSchema>;
/** What a scenario file or object may hold before defaults are applied. */
export type ScenarioInput = z.input<typeof scenarioSchema>;
