import { AVAILABLE_ACTIONS } from '../available/available-actions.ts';
import type { ModelDef } from '../models/model-def.ts';
import type { Registry } from '../models/registry.ts';
import { PASS_THROUGH, TRACE_ENDPOINTS } from '../paths/path-actions.ts';
import { componentName } from './field-schema.ts';

type Json = Record<string, unknown>;

const ID_PARAMETER = [{ in: 'path', name: 'id', schema: { type: 'integer' }, required: true }];

function operation(model: ModelDef, action: string, schema: Json): Json {
  const [app] = model.key.split('.');
  return {
    get: {
      operationId: `${app}_${model.path.replace(/-/g, '_')}_${action.replace(/-/g, '_')}_retrieve`,
      tags: [app],
      parameters: ID_PARAMETER,
      responses: { '200': { content: { 'application/json': { schema } }, description: '' } },
    },
  };
}

/** NetBox's own read-only serializers of the available-objects views (ipam/api/serializers_). */
export const AVAILABLE_COMPONENTS: Record<string, Json> = {
  AvailableIP: {
    type: 'object',
    properties: {
      family: { type: 'integer', readOnly: true },
      address: { type: 'string', readOnly: true },
      vrf: { allOf: [{ $ref: '#/components/schemas/BriefVRF' }], readOnly: true, nullable: true },
    },
    required: ['address', 'family', 'vrf'],
  },
  AvailablePrefix: {
    type: 'object',
    properties: {
      family: { type: 'integer', readOnly: true },
      prefix: { type: 'string', readOnly: true },
      vrf: { allOf: [{ $ref: '#/components/schemas/BriefVRF' }], readOnly: true, nullable: true },
    },
    required: ['family', 'prefix', 'vrf'],
  },
  AvailableVLAN: {
    type: 'object',
    properties: { vid: { type: 'integer', readOnly: true }, group: { allOf: [{ $ref: '#/components/schemas/BriefVLANGroup' }], readOnly: true, nullable: true } },
    required: ['group', 'vid'],
  },
  AvailableASN: {
    type: 'object',
    properties: { rir: { allOf: [{ $ref: '#/components/schemas/BriefRIR' }], readOnly: true }, asn: { type: 'integer', readOnly: true } },
    required: ['asn'],
  },
};

/**
 * The action endpoints the sandbox serves, described as NetBox's schema describes them: `trace` and `paths`
 * with the port's own serializer (what drf-spectacular infers, though NetBox returns segments), the
 * available-objects views as lists.
 */
export function actionPaths(registry: Registry): Record<string, Json> {
  const paths: Record<string, Json> = {};
  const at = (model: ModelDef, action: string): string => `/api/${model.key.split('.')[0]}/${model.path}/{id}/${action}/`;
  for (const [keys, action] of [
    [TRACE_ENDPOINTS, 'trace'],
    [PASS_THROUGH, 'paths'],
  ] as const) {
    for (const key of keys) {
      const model = registry.find(key);
      if (model) paths[at(model, action)] = operation(model, action, { $ref: `#/components/schemas/${componentName(model)}` });
    }
  }
  for (const { model: key, action, component } of AVAILABLE_ACTIONS) {
    const model = registry.find(key);
    if (model) paths[at(model, action)] = operation(model, action, { type: 'array', items: { $ref: `#/components/schemas/${component}` } });
  }
  return paths;
}
