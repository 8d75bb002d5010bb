import { z } from 'zod';

/** Answer with an HTTP error in Anthropic's error shape (529 overloaded, 500, 429…). */
export const httpFaultSchema = z.strictObject({
  status: z.number().int().min(400).max(599),
  /** Replaces the default error body; an object is sent as JSON, a string as is. */
  body: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
  headers: z.record(z.string(), z.string()).optional(),
});

/** Wait before the first byte, or after `afterChunks` content deltas of a streamed answer. */
export const stallFaultSchema = z.strictObject({
  stallMs: z.number().int().min(0).max(600_000),
  afterChunks: z.number().int().min(0).optional(),
});

/** Close the connection after N content deltas (0: right after the headers), with no message_stop. */
export const cutFaultSchema = z.strictObject({
  cutAfterChunks: z.number().int().min(0),
});

export const faultSchema = z.union([httpFaultSchema, stallFaultSchema, cutFaultSchema]);
export const faultListSchema = z.array(faultSchema);

export type HttpFault = z.infer<typeof httpFaultSchema>;
export type StallFault = z.infer<typeof stallFaultSchema>;
export type CutFault = z.infer<typeof cutFaultSchema>;
export type Fault = z.infer<typeof faultSchema>;
