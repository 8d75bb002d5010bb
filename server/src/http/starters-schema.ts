import { z } from 'zod';

/** What a starter question is about: the UI maps each to an icon it bundles (icons are never sent as names). */
export const STARTER_TOPICS = ['site', 'interfaces', 'prefix', 'ip', 'changes', 'count', 'search'] as const;
export const StarterTopicSchema = z.enum(STARTER_TOPICS);
export type StarterTopic = z.infer<typeof StarterTopicSchema>;

export const StarterQuestionSchema = z.object({
  text: z.string().min(1).max(300),
  icon: StarterTopicSchema.optional(),
});
export type StarterQuestion = z.infer<typeof StarterQuestionSchema>;

/** `GET /api/starters`. `source` says whether the questions name things in the user's NetBox or are generic. */
export const StartersResponseSchema = z.object({
  questions: z.array(StarterQuestionSchema).min(1).max(6),
  source: z.enum(['netbox', 'generic']),
});
export type StartersResponse = z.infer<typeof StartersResponseSchema>;
