import type { ModelDef } from '../model-def.ts';
import { aggregate } from './aggregate.ts';
import { asnRange } from './asn-range.ts';
import { asn } from './asn.ts';
import { fhrpGroup } from './fhrp-group.ts';
import { ipAddress } from './ip-address.ts';
import { ipRange } from './ip-range.ts';
import { prefix } from './prefix.ts';
import { rir } from './rir.ts';
import { role } from './role.ts';
import { routeTarget } from './route-target.ts';
import { service } from './service.ts';
import { vlanGroup } from './vlan-group.ts';
import { vlanTranslationPolicy } from './vlan-translation-policy.ts';
import { vlan } from './vlan.ts';
import { vrf } from './vrf.ts';

export const IPAM_MODELS: readonly ModelDef[] = [
  aggregate,
  asn,
  asnRange,
  fhrpGroup,
  ipAddress,
  ipRange,
  prefix,
  rir,
  role,
  routeTarget,
  service,
  vlanGroup,
  vlan,
  vlanTranslationPolicy,
  vrf,
];
