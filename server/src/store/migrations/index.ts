import { migration001 } from './001-initial.ts';
import type { Migration } from './migration.ts';

/** Every migration, in order. A new one is a new file here; an applied one is never edited. */
export const MIGRATIONS: readonly Migration[] = [migration001];

export type { Migration } from './migration.ts';
