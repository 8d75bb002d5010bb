import type { Row } from '../db/dataset.ts';
import type { ApiContext, ModelKey } from '../models/model-def.ts';
import { prefixAvailableIps, rangeAvailableIps } from './available-ips.ts';
import { availableAsns, availableVlans } from './available-numbers.ts';
import { availablePrefixes } from './available-prefixes.ts';

export interface AvailableAction {
  readonly model: ModelKey;
  /** The URL segment after `{id}/`. */
  readonly action: string;
  /** NetBox's schema component of one result. */
  readonly component: 'AvailableIP' | 'AvailablePrefix' | 'AvailableVLAN' | 'AvailableASN';
  readonly compute: (ctx: ApiContext, parent: Row, limit: number) => Record<string, unknown>[];
}

/** NetBox's AvailableObjectsView endpoints. Only their GET: NetBox's POST creates objects. */
export const AVAILABLE_ACTIONS: readonly AvailableAction[] = [
  { model: 'ipam.prefix', action: 'available-ips', component: 'AvailableIP', compute: prefixAvailableIps },
  { model: 'ipam.iprange', action: 'available-ips', component: 'AvailableIP', compute: rangeAvailableIps },
  { model: 'ipam.prefix', action: 'available-prefixes', component: 'AvailablePrefix', compute: (ctx, prefix) => availablePrefixes(ctx, prefix) },
  { model: 'ipam.vlangroup', action: 'available-vlans', component: 'AvailableVLAN', compute: availableVlans },
  { model: 'ipam.asnrange', action: 'available-asns', component: 'AvailableASN', compute: availableAsns },
];
