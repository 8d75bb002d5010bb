import { z } from 'zod';

/** `GET /api/starters` (server/src/http/starters-schema.ts). Topics, not icon names: icons must be bundled. */
export const StarterTopicSchema = z.enum(['site', 'interfaces', 'prefix', 'ip', 'changes', 'count', 'search']);
export type StarterTopic = z.infer<typeof StarterTopicSchema>;

export const StartersResponseSchema = z.object({
  questions: z.array(z.object({ text: z.string().min(1), icon: z.string().optional() })),
  source: z.enum(['netbox', 'generic']).optional(),
});
export type StartersResponse = z.infer<typeof StartersResponseSchema>;

/** When the server cannot be asked at all: still something to click. */
export const OFFLINE_STARTERS: StartersResponse = {
  questions: [
    { text: 'List all sites', icon: 'site' },
    { text: 'How many active devices per site?', icon: 'count' },
    { text: 'What changed in NetBox in the last 24 hours?', icon: 'changes' },
  ],
  source: 'generic',
};
