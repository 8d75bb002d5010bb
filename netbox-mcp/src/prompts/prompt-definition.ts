import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { GetPromptResult } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';

/** Prompt arguments reach us as strings (MCP prompt arguments are always strings). */
export type PromptShape = Record<string, z.ZodType<string | undefined>>;

/**
 * One prompt, one file: a canned investigation a person picks in their MCP client. It becomes one user message
 * that tells the model which tools to call in what order, so the common questions take the fewest calls.
 */
export interface PromptDefinition<Shape extends PromptShape> {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly args: Shape;
  readonly text: (args: z.infer<z.ZodObject<Shape>>) => string;
}

export interface Prompt {
  readonly name: string;
  readonly register: (server: McpServer) => void;
}

/** Said at the end of every prompt: what makes an answer usable and honest. */
export const ANSWER_RULES =
  'Link every object you name to its NetBox UI URL from the tool results (each result gives the list link and an object link template). ' +
  'Say when a result was truncated or a part failed, and never invent data that no tool returned.';

export function definePrompt<Shape extends PromptShape>(prompt: PromptDefinition<Shape>): Prompt & PromptDefinition<Shape> {
  return {
    ...prompt,
    register(server) {
      // Registered through the general shape: the SDK's callback type does not resolve for a generic one.
      const argsSchema: PromptShape = prompt.args;
      server.registerPrompt(prompt.name, { title: prompt.title, description: prompt.description, argsSchema }, (args): GetPromptResult => ({
        description: prompt.description,
        messages: [{ role: 'user', content: { type: 'text', text: `${prompt.text(args as z.infer<z.ZodObject<Shape>>)}\n\n${ANSWER_RULES}` } }],
      }));
    },
  };
}

/** A person's text inside an instruction, quoted so it reads as a value, not as more instructions. */
export function quoted(value: string): string {
  return JSON.stringify(value.trim());
}
