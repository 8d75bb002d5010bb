import type { ModelDef } from '../model-def.ts';
import { configTemplate } from './config-template.ts';
import { customFieldChoiceSet } from './custom-field-choice-set.ts';
import { customField } from './custom-field.ts';
import { tag } from './tag.ts';

export const EXTRAS_MODELS: readonly ModelDef[] = [configTemplate, customFieldChoiceSet, customField, tag];
