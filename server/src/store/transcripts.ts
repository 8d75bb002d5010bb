import { z } from 'zod';
import type { Queryable } from './db.ts';
import { selectRows } from './rows.ts';

/**
 * What the chat layer reads of an SDK transcript without loading it whole (tool results can be large): the
 * lines that carry a conversation turn, with the user's typed text where a line is one.
 */
export const TranscriptLineSchema = z.object({
  type: z.string(),
  uuid: z.string().nullable(),
  /** Whether the line is part of the message chain (it has a parentUuid, null for the first). */
  chained: z.boolean(),
  /** A user line's text when it is typed text (not tool results). */
  text: z.string().nullable(),
  projectKey: z.string(),
  cwd: z.string().nullable(),
  version: z.string().nullable(),
  model: z.string().nullable(),
  /** The ids of the tool calls an assistant line makes, and of the tool results a user line carries. */
  toolUses: z.array(z.string()).nullable(),
  toolResults: z.array(z.string()).nullable(),
});
export type TranscriptLine = z.infer<typeof TranscriptLineSchema>;

export function createTranscriptsRepo(db: Queryable) {
  return {
    /** The main transcript's lines in order; empty when the session has none. */
    async outline(sessionId: string): Promise<TranscriptLine[]> {
      return selectRows(
        db,
        TranscriptLineSchema,
        `SELECT entry ->> 'type' AS type, entry ->> 'uuid' AS uuid, (entry -> 'parentUuid') IS NOT NULL AS chained,
           CASE WHEN entry ->> 'type' = 'user' AND json_typeof(entry -> 'message' -> 'content') = 'string'
                THEN entry -> 'message' ->> 'content' END AS text,
           project_key AS "projectKey", entry ->> 'cwd' AS cwd, entry ->> 'version' AS version,
           CASE WHEN entry ->> 'type' = 'assistant' THEN entry -> 'message' ->> 'model' END AS model,
           CASE WHEN entry ->> 'type' = 'assistant' AND json_typeof(entry -> 'message' -> 'content') = 'array' THEN
             (SELECT json_agg(b ->> 'id') FROM json_array_elements(entry -> 'message' -> 'content') b WHERE b ->> 'type' = 'tool_use') END AS "toolUses",
           CASE WHEN entry ->> 'type' = 'user' AND json_typeof(entry -> 'message' -> 'content') = 'array' THEN
             (SELECT json_agg(b ->> 'tool_use_id') FROM json_array_elements(entry -> 'message' -> 'content') b WHERE b ->> 'type' = 'tool_result') END AS "toolResults"
         FROM sdk_transcripts WHERE session_id = $1 AND subpath = '' ORDER BY id`,
        [sessionId],
      );
    },
  };
}
export type TranscriptsRepo = ReturnType<typeof createTranscriptsRepo>;
