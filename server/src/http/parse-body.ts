import type { z } from 'zod';
import { ChatError } from '../chat/chat-error.ts';

/** A request part checked against its zod schema; a mismatch is a 400 that names the field, never its value. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, what = 'request body'): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.slice(0, 3).map((issue) => `"${issue.path.map(String).join('.') || what}": ${issue.message}`);
  throw new ChatError('BAD_FRAME', `Invalid ${what}: ${issues.join('; ')}.`);
}
