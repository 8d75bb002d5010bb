import { choiceValue } from '../format/choice-value.ts';
import { parseAddressWithMask, parseCidr, type Cidr } from './prefix-math.ts';
import type { IpFacts, PrefixFacts, RangeFacts } from './utilization.ts';
import { vrfIdOf } from './vrf-ref.ts';

/** The fields utilization needs, so lists of thousands of rows stay light. */
export const PREFIX_FIELDS = 'id,prefix,vrf,status,is_pool,mark_utilized,scope_type,scope,vlan,role,tenant';
export const IP_FIELDS = 'id,address,vrf';
export const RANGE_FIELDS = 'id,start_address,end_address,vrf,mark_utilized,mark_populated';

export interface PrefixRow {
  readonly id: number;
  readonly prefix: string;
  readonly vrf?: unknown;
  readonly status?: { readonly value?: string } | string | null;
  readonly is_pool?: boolean;
  readonly mark_utilized?: boolean;
  readonly scope_type?: string | null;
  readonly scope?: { readonly name?: string; readonly display?: string } | null;
  readonly [key: string]: unknown;
}

export interface IpRow {
  readonly id: number;
  readonly address: string;
  readonly vrf?: unknown;
}

export interface RangeRow {
  readonly id: number;
  readonly start_address: string;
  readonly end_address: string;
  readonly vrf?: unknown;
  readonly mark_utilized?: boolean;
  readonly mark_populated?: boolean;
}

export interface PrefixFactsWithRow extends PrefixFacts {
  readonly row: PrefixRow;
}

export function prefixFacts(row: PrefixRow): PrefixFactsWithRow | undefined {
  const cidr = parseCidr(row.prefix);
  if (!cidr) return undefined;
  return {
    row,
    cidr,
    vrfId: vrfIdOf(row.vrf),
    status: choiceValue(row.status),
    isPool: row.is_pool === true,
    markUtilized: row.mark_utilized === true,
  };
}

export function ipFacts(row: IpRow): IpFacts | undefined {
  const parsed = parseAddressWithMask(row.address);
  return parsed ? { addr: parsed.addr, vrfId: vrfIdOf(row.vrf) } : undefined;
}

export function rangeFacts(row: RangeRow): RangeFacts | undefined {
  const start = parseAddressWithMask(row.start_address)?.addr;
  const end = parseAddressWithMask(row.end_address)?.addr;
  if (!start || !end || start.version !== end.version) return undefined;
  return {
    version: start.version,
    start: start.value,
    end: end.value,
    vrfId: vrfIdOf(row.vrf),
    markUtilized: row.mark_utilized === true,
    markPopulated: row.mark_populated === true,
  };
}

export const defined = <T>(value: T | undefined): value is T => value !== undefined;

/** Site, or another scope with its kind: `CHI-DC1`, `United States (region)`. */
export function scopeLabel(row: PrefixRow): string | undefined {
  const name = row.scope?.name ?? row.scope?.display;
  if (!name) return undefined;
  const kind = row.scope_type?.split('.')[1];
  return !kind || kind === 'site' ? name : `${name} (${kind})`;
}

export function formatPercent(percent: number): string {
  return `${percent.toFixed(1)}%`;
}

export function sameCidr(a: Cidr, b: Cidr): boolean {
  return a.version === b.version && a.network === b.network && a.length === b.length;
}
