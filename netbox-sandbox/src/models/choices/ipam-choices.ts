import type { ChoiceSet } from '../model-def.ts';

export const PREFIX_STATUS: ChoiceSet = [
  ['container', 'Container'],
  ['active', 'Active'],
  ['reserved', 'Reserved'],
  ['deprecated', 'Deprecated'],
];

export const IP_RANGE_STATUS: ChoiceSet = [
  ['active', 'Active'],
  ['reserved', 'Reserved'],
  ['deprecated', 'Deprecated'],
];

export const IP_ADDRESS_STATUS: ChoiceSet = [
  ['active', 'Active'],
  ['reserved', 'Reserved'],
  ['deprecated', 'Deprecated'],
  ['dhcp', 'DHCP'],
  ['slaac', 'SLAAC'],
];

export const IP_ADDRESS_ROLE: ChoiceSet = [
  ['loopback', 'Loopback'],
  ['secondary', 'Secondary'],
  ['anycast', 'Anycast'],
  ['vip', 'VIP'],
  ['vrrp', 'VRRP'],
  ['hsrp', 'HSRP'],
  ['glbp', 'GLBP'],
  ['carp', 'CARP'],
];

export const VLAN_STATUS: ChoiceSet = [
  ['active', 'Active'],
  ['reserved', 'Reserved'],
  ['deprecated', 'Deprecated'],
];

export const VLAN_QINQ_ROLE: ChoiceSet = [
  ['svlan', 'Service'],
  ['cvlan', 'Customer'],
];

export const SERVICE_PROTOCOL: ChoiceSet = [
  ['tcp', 'TCP'],
  ['udp', 'UDP'],
  ['sctp', 'SCTP'],
];

/** Shown as plain values, not `{value, label}`; used for filters and display. */
export const FHRP_PROTOCOL: ChoiceSet = [
  ['vrrp2', 'VRRPv2'],
  ['vrrp3', 'VRRPv3'],
  ['carp', 'CARP'],
  ['clusterxl', 'ClusterXL'],
  ['hsrp', 'HSRP'],
  ['glbp', 'GLBP'],
  ['other', 'Other'],
];

export const FHRP_AUTH_TYPE: ChoiceSet = [
  ['plaintext', 'Plaintext'],
  ['md5', 'MD5'],
];
