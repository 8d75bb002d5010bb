import { z } from 'zod';

/**
 * The parts of an Anthropic Messages API request the scripted model reads. Loose objects: the CLI sends many
 * fields (metadata, thinking, betas, cache_control…) that a script has no use for, and rejecting them would
 * only make the stub brittle against new CLI versions.
 */
const textBlock = z.looseObject({ type: z.literal('text'), text: z.string() });

const toolResultBlock = z.looseObject({
  type: z.literal('tool_result'),
  tool_use_id: z.string(),
  content: z.union([z.string(), z.array(z.looseObject({ type: z.string() }))]).optional(),
  is_error: z.boolean().optional(),
});

const toolUseBlock = z.looseObject({ type: z.literal('tool_use'), id: z.string(), name: z.string(), input: z.unknown() });

const otherBlock = z.looseObject({ type: z.string() });

export const contentBlockSchema = z.union([textBlock, toolResultBlock, toolUseBlock, otherBlock]);

export const messageParamSchema = z.looseObject({
  // Claude Code 2.1.3xx also sends `system` messages (its environment block) after the user's; a script reads
  // only user and assistant turns, and any other role is carried along rather than refused.
  role: z.string().min(1),
  content: z.union([z.string(), z.array(contentBlockSchema)]),
});

export const messagesRequestSchema = z.looseObject({
  model: z.string().min(1),
  messages: z.array(messageParamSchema).min(1),
  max_tokens: z.number().int().positive().optional(),
  stream: z.boolean().optional(),
  system: z.union([z.string(), z.array(z.looseObject({ type: z.string() }))]).optional(),
  tools: z.array(z.looseObject({ name: z.string() })).optional(),
});

export type ContentBlockParam = z.infer<typeof contentBlockSchema>;
export type MessageParam = z.infer<typeof messageParamSchema>;
export type MessagesRequest = z.infer<typeof messagesRequestSchema>;
