import { compactValue } from '../format/compact-value.ts';
import { choiceValue } from '../format/choice-value.ts';

/** The interface fields the device profile shows; the full serializer is several times larger. */
export const INTERFACE_FIELDS =
  'id,name,type,enabled,mgmt_only,lag,mode,untagged_vlan,tagged_vlans,cable,mark_connected,link_peers,link_peers_type,connected_endpoints,connected_endpoints_type';

export interface InterfaceRow {
  readonly id: number;
  readonly name: string;
  readonly type?: unknown;
  readonly enabled?: boolean;
  readonly mgmt_only?: boolean;
  readonly lag?: unknown;
  readonly mode?: unknown;
  readonly untagged_vlan?: { readonly vid?: number; readonly name?: string } | null;
  readonly tagged_vlans?: readonly { readonly vid?: number }[] | null;
  readonly cable?: { readonly id: number; readonly label?: string; readonly display?: string } | null;
  readonly mark_connected?: boolean;
  readonly link_peers?: readonly Peer[] | null;
  readonly connected_endpoints?: readonly Peer[] | null;
}

interface Peer {
  readonly id?: number;
  readonly name?: string;
  readonly display?: string;
  readonly device?: { readonly name?: string; readonly display?: string } | null;
  readonly virtual_machine?: { readonly name?: string } | null;
  readonly circuit?: { readonly cid?: string; readonly provider?: { readonly name?: string } | null } | null;
  readonly term_side?: string;
}

/** NetBox's interface types that take no cable (virtual, LAG, bridge, wireless). */
export function isCablable(row: InterfaceRow): boolean {
  const type = choiceValue(row.type);
  return !['virtual', 'lag', 'bridge'].includes(type) && !type.startsWith('ieee802.11') && !type.startsWith('other-wireless');
}

/** `sw-01 eth1`, `circuit LMN-123 side A`, or `no cable`; the far end after patch panels follows `→`. */
export function cablePeer(row: InterfaceRow): string {
  if (!row.cable) return row.mark_connected ? 'no cable (marked connected)' : 'no cable';
  const near = (row.link_peers ?? []).map(peerName).filter(Boolean);
  const far = (row.connected_endpoints ?? []).map(peerName).filter(Boolean);
  const text = near.length ? near.join(', ') : `cable ${row.cable.label || row.cable.display || `#${row.cable.id}`}`;
  return far.length && far.join(', ') !== near.join(', ') ? `${text} → ${far.join(', ')}` : text;
}

function peerName(peer: Peer): string {
  const own = peer.name ?? peer.display ?? (peer.id !== undefined ? `#${peer.id}` : '');
  if (peer.device) return `${peer.device.name ?? peer.device.display ?? ''} ${own}`.trim();
  if (peer.virtual_machine) return `${peer.virtual_machine.name ?? ''} ${own}`.trim();
  if (peer.circuit) {
    const provider = peer.circuit.provider?.name ? ` (${peer.circuit.provider.name})` : '';
    return `circuit ${peer.circuit.cid ?? ''}${provider}${peer.term_side ? ` side ${peer.term_side}` : ''}`;
  }
  return peer.display ?? own;
}

/** `U:10(DATA) T:20,30`: untagged and tagged VLAN ids, as engineers write them. */
export function vlansCell(row: InterfaceRow): string | undefined {
  const parts: string[] = [];
  if (row.untagged_vlan) parts.push(`U:${row.untagged_vlan.vid ?? '?'}${row.untagged_vlan.name ? `(${row.untagged_vlan.name})` : ''}`);
  if (choiceValue(row.mode) === 'tagged-all') parts.push('T:all');
  else if (row.tagged_vlans?.length) parts.push(`T:${row.tagged_vlans.map((v) => v.vid ?? '?').join(',')}`);
  return parts.length ? parts.join(' ') : undefined;
}

export function lagName(row: InterfaceRow): string | undefined {
  const value = compactValue(row.lag);
  return value === undefined ? undefined : String(value);
}
