import type { Row } from '../../db/dataset.ts';
import { filter } from '../filter.ts';
import type { FilterDef } from '../model-def.ts';
import { hostWithin, parseCidr, parseIp, sameNetwork, type Cidr } from './cidr.ts';

/**
 * NetBox's `net_in` lookup behind the `address`, `start_address` and `end_address` filters: a value with a mask
 * must equal the address and mask; a bare address matches the host part whatever the mask. Values that are
 * no address are skipped; when none is left nothing matches.
 */
export function addressFilter(name: string, column: string): FilterDef {
  return filter.custom(name, (row: Row, values) => {
    const stored = typeof row[column] === 'string' ? parseCidr(row[column]) : null;
    if (!stored) return false;
    return values.some((v) => {
      if (v.includes('/')) {
        const wanted = parseCidr(v);
        return wanted !== null && wanted.family === stored.family && wanted.prefixLength === stored.prefixLength && wanted.value === stored.value;
      }
      const host = parseIp(v);
      return host !== null && host.family === stored.family && host.value === stored.value;
    });
  });
}

/** The networks of the values of a `parent`-style filter, or null when one is not a network (then nothing matches). */
export function parentNetworks(values: readonly string[]): Cidr[] | null {
  const networks: Cidr[] = [];
  for (const v of values) {
    const cidr = parseCidr(v);
    if (!cidr) return null;
    networks.push({ ...cidr, value: cidr.network });
  }
  return networks;
}

/** Whether an address column's host part lies in any of the networks (`net_host_contained`). */
export function hostInAny(networks: readonly Cidr[], text: unknown): boolean {
  const address = typeof text === 'string' ? parseCidr(text) : null;
  return address !== null && networks.some((n) => hostWithin(n, address));
}

/** `prefix`-style exact network match: values that are no network are skipped. */
export function sameNetworkAsAny(values: readonly string[], text: unknown): boolean {
  const stored = typeof text === 'string' ? parseCidr(text) : null;
  if (!stored) return false;
  return values.some((v) => {
    const wanted = parseCidr(v.trim());
    return wanted !== null && sameNetwork(wanted, stored);
  });
}
