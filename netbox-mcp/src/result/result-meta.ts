import { z } from 'zod';
import { ToolDataSchema } from './tool-data.ts';

/** Links for the chat UI: the list in NetBox's web UI and each object shown. The model reads them in the text. */
export const ResultLinksSchema = z.object({
  list: z.string().optional(),
  objects: z.record(z.string(), z.string()).optional(),
  /**
   * Display name → UI URL of the objects shown, for the chat UI to link those names in the answer. Only names
   * that mean one object of this result (see format/name-links.ts); never in the text the model reads.
   */
  names: z.record(z.string(), z.string()).optional(),
});
export type ResultLinks = z.infer<typeof ResultLinksSchema>;

/** What every tool result carries in `_meta["netbox-chatbox/result"]`, beside the text the model reads. */
export const ResultMetaSchema = z.object({
  links: ResultLinksSchema.optional(),
  /** NetBox API requests this call made (path with query), for the UI's tool card. */
  queries: z.array(z.string()).optional(),
  rows: z.number().optional(),
  total: z.number().optional(),
  truncated: z.boolean().optional(),
  /** Structured data to draw (a path, neighbors, grouped counts); see tool-data.ts. */
  data: ToolDataSchema.optional(),
});
export type ResultMeta = z.infer<typeof ResultMetaSchema>;

/** The `_meta` key our results use. */
export const RESULT_META_KEY = 'netbox-chatbox/result';
