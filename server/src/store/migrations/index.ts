import { migration001 } from './001-initial.ts';
import { migration002 } from './002-replicas.ts';
import type { Migration } from './migration.ts';

/** Every migration, in order. A new one is a new file here; an applied one is never edited. */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002];

export type { Migration } from './migration.ts';
