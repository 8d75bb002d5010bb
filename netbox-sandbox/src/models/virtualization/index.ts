import type { ModelDef } from '../model-def.ts';
import { clusterGroup } from './cluster-group.ts';
import { clusterType } from './cluster-type.ts';
import { cluster } from './cluster.ts';
import { virtualDisk } from './virtual-disk.ts';
import { virtualMachineType } from './virtual-machine-type.ts';
import { virtualMachine } from './virtual-machine.ts';
import { vmInterface } from './vm-interface.ts';

export const VIRTUALIZATION_MODELS: readonly ModelDef[] = [
  clusterType,
  clusterGroup,
  cluster,
  virtualMachineType,
  virtualMachine,
  vmInterface,
  virtualDisk,
];
