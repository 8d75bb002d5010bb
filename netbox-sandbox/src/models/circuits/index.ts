import type { ModelDef } from '../model-def.ts';
import { circuitGroup } from './circuit-group.ts';
import { circuitTermination } from './circuit-termination.ts';
import { circuitType } from './circuit-type.ts';
import { circuit } from './circuit.ts';
import { providerAccount } from './provider-account.ts';
import { providerNetwork } from './provider-network.ts';
import { provider } from './provider.ts';

export const CIRCUITS_MODELS: readonly ModelDef[] = [
  circuitGroup,
  circuitTermination,
  circuitType,
  circuit,
  providerAccount,
  providerNetwork,
  provider,
];
