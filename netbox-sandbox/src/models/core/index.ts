import type { ModelDef } from '../model-def.ts';
import { dataFile } from './data-file.ts';
import { dataSource } from './data-source.ts';
import { objectChange } from './object-change.ts';

export const CORE_MODELS: readonly ModelDef[] = [dataFile, dataSource, objectChange];
