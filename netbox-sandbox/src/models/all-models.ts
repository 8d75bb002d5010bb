import { CIRCUITS_MODELS } from './circuits/index.ts';
import { CORE_MODELS } from './core/index.ts';
import { DCIM_MODELS } from './dcim/index.ts';
import { EXTRAS_MODELS } from './extras/index.ts';
import { IPAM_MODELS } from './ipam/index.ts';
import type { ModelDef } from './model-def.ts';
import { createRegistry, type Registry } from './registry.ts';
import { TENANCY_MODELS } from './tenancy/index.ts';
import { USERS_MODELS } from './users/index.ts';
import { VIRTUALIZATION_MODELS } from './virtualization/index.ts';

/** Every model the sandbox serves, in NetBox's app order. */
export const ALL_MODELS: readonly ModelDef[] = [
  ...CIRCUITS_MODELS,
  ...CORE_MODELS,
  ...DCIM_MODELS,
  ...EXTRAS_MODELS,
  ...IPAM_MODELS,
  ...TENANCY_MODELS,
  ...USERS_MODELS,
  ...VIRTUALIZATION_MODELS,
];

export function defaultRegistry(): Registry {
  return createRegistry(ALL_MODELS);
}
