import type { ModelDef } from '../model-def.ts';
import { group } from './group.ts';
import { objectPermission } from './object-permission.ts';
import { ownerGroup } from './owner-group.ts';
import { owner } from './owner.ts';
import { token } from './token.ts';
import { user } from './user.ts';

export const USERS_MODELS: readonly ModelDef[] = [user, group, owner, ownerGroup, token, objectPermission];
