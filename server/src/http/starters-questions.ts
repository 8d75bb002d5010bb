import type { StarterQuestion, StartersResponse } from './starters-schema.ts';

/** Names read from the user's NetBox; any may be missing (no such objects, no permission, a failed query). */
export interface StarterFacts {
  readonly site?: string;
  /** A device with at least one interface that has no cable. */
  readonly uncabledDevice?: string;
  readonly prefix?: string;
  /** Without its mask: people ask "what is 10.0.0.1", not "what is 10.0.0.1/32". */
  readonly ip?: string;
  /** A device with a recorded change. */
  readonly changedDevice?: string;
}

export const MIN_QUESTIONS = 4;
export const MAX_QUESTIONS = 6;

/** For a NetBox that could not be read, or that has too little in it to name. */
export const GENERIC_QUESTIONS: readonly StarterQuestion[] = [
  { text: 'List all sites', icon: 'site' },
  { text: 'How many active devices per site?', icon: 'count' },
  { text: 'Which prefixes are more than 80% used?', icon: 'prefix' },
  { text: 'Which devices have no primary IP address?', icon: 'search' },
  { text: 'What changed in NetBox in the last 24 hours?', icon: 'changes' },
];

/** NetBox names are free text: one line, no control characters, short enough for a button. */
export function cleanName(raw: unknown, max = 80): string | undefined {
  if (typeof raw !== 'string') return undefined;
  // eslint-disable-next-line no-control-regex
  const flat = raw.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (!flat) return undefined;
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** 4–6 questions that name what is really there; generic ones fill the gaps. */
export function buildStarters(facts: StarterFacts): StartersResponse {
  const named: StarterQuestion[] = [];
  if (facts.site) named.push({ text: `Which devices are in site ${facts.site}?`, icon: 'site' });
  if (facts.uncabledDevice) named.push({ text: `Which interfaces on ${facts.uncabledDevice} have no cable?`, icon: 'interfaces' });
  if (facts.prefix) named.push({ text: `Which /24s are free in ${facts.prefix}?`, icon: 'prefix' });
  if (facts.ip) named.push({ text: `What is ${facts.ip}?`, icon: 'ip' });
  const changed = facts.changedDevice ?? facts.uncabledDevice;
  if (changed) named.push({ text: `Who changed ${changed} last week?`, icon: 'changes' });
  if (named.length === 0) return { questions: [...GENERIC_QUESTIONS], source: 'generic' };
  const questions = [...named, { text: 'How many active devices per site?', icon: 'count' as const }];
  for (const generic of GENERIC_QUESTIONS) {
    if (questions.length >= MIN_QUESTIONS) break;
    if (!questions.some((q) => q.text === generic.text)) questions.push(generic);
  }
  return { questions: questions.slice(0, MAX_QUESTIONS), source: 'netbox' };
}
