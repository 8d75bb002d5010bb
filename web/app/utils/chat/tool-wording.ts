import type { ToolPart, ToolStatus } from './thread-state.ts';

/**
 * A NetBox tool call in words for its card: what was asked ("Devices", "site dc1, status active"), and what
 * came back ("12 of 12"). Unknown tools and types still read sensibly, from their names.
 */

export interface ToolWording {
  /** What was asked for: "Devices", "Device #12", "Search for “dc1”". */
  readonly title: string;
  /** The conditions, in words: "site dc1, status active"; empty when none. */
  readonly filters: string;
  /** Rows shown and found: "12 of 12", "50 of 312, truncated"; empty while running or when not known. */
  readonly count: string;
  readonly status: string;
}

const STATUS_WORDS: Record<ToolStatus, string> = { running: 'Running', done: 'Done', error: 'Failed' };

/** NetBox model names (`app.model`'s model) whose words are not obvious from the name. */
const MODEL_WORDS: Record<string, string> = {
  sitegroup: 'site group',
  rackrole: 'rack role',
  rackreservation: 'rack reservation',
  racktype: 'rack type',
  devicetype: 'device type',
  devicerole: 'device role',
  moduletype: 'module type',
  modulebay: 'module bay',
  devicebay: 'device bay',
  frontport: 'front port',
  rearport: 'rear port',
  consoleport: 'console port',
  consoleserverport: 'console server port',
  powerport: 'power port',
  poweroutlet: 'power outlet',
  powerpanel: 'power panel',
  powerfeed: 'power feed',
  virtualchassis: 'virtual chassis',
  inventoryitem: 'inventory item',
  macaddress: 'MAC address',
  ipaddress: 'IP address',
  iprange: 'IP range',
  vlan: 'VLAN',
  vlangroup: 'VLAN group',
  vrf: 'VRF',
  routetarget: 'route target',
  asn: 'ASN',
  asnrange: 'ASN range',
  rir: 'RIR',
  fhrpgroup: 'FHRP group',
  virtualmachine: 'virtual machine',
  vminterface: 'VM interface',
  virtualdisk: 'virtual disk',
  clustertype: 'cluster type',
  clustergroup: 'cluster group',
  circuittype: 'circuit type',
  circuittermination: 'circuit termination',
  provideraccount: 'provider account',
  providernetwork: 'provider network',
  tenantgroup: 'tenant group',
  contactgroup: 'contact group',
  contactrole: 'contact role',
  contactassignment: 'contact assignment',
  customfield: 'custom field',
  journalentry: 'journal entry',
  objectchange: 'change',
  wirelesslan: 'wireless LAN',
  wirelesslink: 'wireless link',
  l2vpn: 'L2VPN',
};

/** Words that do not take a plain "s". */
const PLURALS: Record<string, string> = { 'virtual chassis': 'virtual chassis' };

/** "dcim.device" → "Devices"; "ipam.ipaddress" → "IP addresses"; singular: "Device". */
export function objectTypeLabel(type: string, plural = true): string {
  const model = type.includes('.') ? type.slice(type.lastIndexOf('.') + 1) : type;
  const words = MODEL_WORDS[model.toLowerCase()] ?? model.replace(/[_-]+/g, ' ').toLowerCase();
  return capitalize(plural ? pluralize(words) : words);
}

function pluralize(words: string): string {
  if (PLURALS[words]) return PLURALS[words];
  if (/[A-Z]{2,}$/.test(words)) return `${words}s`;
  if (/(s|x|z|ch|sh)$/.test(words)) return `${words}es`;
  if (/[^aeiou]y$/.test(words)) return `${words.slice(0, -1)}ies`;
  return `${words}s`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const LOOKUP_WORDS: Record<string, string> = {
  n: 'not',
  ic: 'contains',
  nic: 'does not contain',
  ie: 'is',
  nie: 'is not',
  isw: 'starts with',
  nisw: 'does not start with',
  iew: 'ends with',
  niew: 'does not end with',
  regex: 'matches',
  iregex: 'matches',
  lt: '<',
  lte: '≤',
  gt: '>',
  gte: '≥',
  in: 'one of',
};

/** `{site: "dc1", status: ["active", "planned"], name__ic: "core"}` → "site dc1, status active or planned, name contains core". */
export function filtersInWords(filters: unknown): string {
  if (typeof filters !== 'object' || filters === null || Array.isArray(filters)) return '';
  return Object.entries(filters)
    .map(([key, value]) => filterInWords(key, value))
    .filter((text) => text !== '')
    .join(', ');
}

function filterInWords(key: string, value: unknown): string {
  if (key === 'q') return `matching “${valueInWords(value)}”`;
  let field = key;
  let lookup: string | undefined;
  const split = /^(.*?)__([a-z]+)$/.exec(key);
  if (split && (split[2] === 'empty' || LOOKUP_WORDS[split[2] as string] !== undefined)) {
    field = split[1] as string;
    lookup = split[2];
  }
  let byId = false;
  if (field.endsWith('_id') && field.length > 3) {
    field = field.slice(0, -3);
    byId = true;
  }
  const name = field.replace(/__/g, ' ').replace(/_/g, ' ');
  if (lookup === 'empty') return `${name} ${isTrue(value) ? 'is empty' : 'is not empty'}`;
  if (typeof value === 'boolean' && lookup === undefined) return value ? name : `not ${name}`;
  const words = valueInWords(value, byId);
  return [name, lookup ? LOOKUP_WORDS[lookup] : undefined, words].filter(Boolean).join(' ');
}

function valueInWords(value: unknown, byId = false): string {
  if (Array.isArray(value)) return value.map((v) => valueInWords(v, byId)).join(' or ');
  if (value === null || value === undefined) return 'none';
  if (typeof value === 'object') return JSON.stringify(value);
  const text = String(value);
  return byId ? `#${text}` : text;
}

function isTrue(value: unknown): boolean {
  return value === true || value === 'true' || value === 1 || value === '1';
}

/** "12 of 12", "50 of 312, truncated", "3 rows"; empty when nothing is known. */
export function rowCount(rows: number | undefined, total: number | undefined, truncated: boolean | undefined): string {
  if (rows === undefined && total === undefined) return '';
  let text: string;
  if (rows !== undefined && total !== undefined) text = `${fmt(rows)} of ${fmt(total)}`;
  else if (rows !== undefined) text = `${fmt(rows)} ${rows === 1 ? 'row' : 'rows'}`;
  else text = `${fmt(total as number)} found`;
  return truncated ? `${text}, truncated` : text;
}

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

/** `mcp__netbox__netbox_get_objects` → { server: "netbox", tool: "netbox_get_objects" }. */
export function splitToolName(name: string): { server: string | null; tool: string } {
  const match = /^mcp__(.+?)__(.+)$/.exec(name);
  return match ? { server: match[1] as string, tool: match[2] as string } : { server: null, tool: name };
}

type ToolInput = Readonly<Record<string, unknown>>;

function str(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number') return String(value);
  return undefined;
}

function joinWords(...parts: (string | undefined)[]): string {
  return parts.filter((p): p is string => p !== undefined && p !== '').join(', ');
}

/** The title and conditions of a call, by tool. */
function asked(tool: string, input: ToolInput, fallbackSummary: string): { title: string; filters: string } {
  const type = str(input.object_type);
  const filters = filtersInWords(input.filters);
  switch (tool) {
    case 'netbox_get_objects':
      return { title: type ? objectTypeLabel(type) : 'Objects', filters };
    case 'netbox_count_objects': {
      const groupBy = str(input.group_by);
      return { title: `Count of ${type ? objectTypeLabel(type).toLowerCase() : 'objects'}${groupBy ? ` by ${groupBy.replace(/_/g, ' ')}` : ''}`, filters };
    }
    case 'netbox_get_object_by_id':
      return { title: `${type ? objectTypeLabel(type, false) : 'Object'} #${str(input.object_id) ?? str(input.id) ?? '?'}`, filters: '' };
    case 'netbox_search_objects': {
      const types = Array.isArray(input.object_types) ? input.object_types.filter((t): t is string => typeof t === 'string').map((t) => objectTypeLabel(t).toLowerCase()) : [];
      return { title: `Search for “${str(input.query) ?? ''}”`, filters: types.length ? `in ${types.join(', ')}` : '' };
    }
    case 'netbox_get_changelogs':
      return {
        title: type ? `Changes to ${objectTypeLabel(type).toLowerCase()}` : 'Changes',
        filters: joinWords(
          str(input.object) && `object ${str(input.object)}`,
          str(input.user) && `by ${str(input.user)}`,
          str(input.action) && `action ${str(input.action)}`,
          str(input.since) && `since ${str(input.since)}`,
          str(input.until) && `until ${str(input.until)}`,
          filters,
        ),
      };
    case 'netbox_describe_type':
      return { title: type ? `Fields and filters of ${objectTypeLabel(type).toLowerCase()}` : 'Object types', filters: '' };
    case 'netbox_device_profile':
      return { title: `Device ${str(input.device) ?? ''}`.trim(), filters: Array.isArray(input.sections) ? `sections ${input.sections.map(String).join(', ')}` : '' };
    case 'netbox_ip_profile':
      return { title: `IP address ${str(input.address) ?? ''}`.trim(), filters: joinWords(str(input.vrf) && `VRF ${str(input.vrf)}`) };
    case 'netbox_prefix_usage': {
      const prefix = str(input.prefix);
      const free = typeof input.free_size === 'number' ? `free /${input.free_size} blocks` : undefined;
      const min = typeof input.min_utilization === 'number' ? `at least ${input.min_utilization}% used` : undefined;
      return { title: prefix ? `Usage of prefix ${prefix}` : 'Prefix usage', filters: joinWords(str(input.vrf) && `VRF ${str(input.vrf)}`, free, min, filters) };
    }
    case 'netbox_related_objects':
      return {
        title: `Objects that refer to ${type ? objectTypeLabel(type, false).toLowerCase() : 'object'} ${str(input.object) ?? ''}`.trim(),
        filters: Array.isArray(input.types) && input.types.length ? `only ${input.types.map((t) => objectTypeLabel(String(t)).toLowerCase()).join(', ')}` : '',
      };
    default:
      return { title: fallbackSummary || capitalize(tool.replace(/_/g, ' ')), filters: '' };
  }
}

export function describeTool(part: Pick<ToolPart, 'name' | 'input' | 'summary' | 'status' | 'rows' | 'total' | 'truncated'>): ToolWording {
  const { tool } = splitToolName(part.name);
  const { title, filters } = asked(tool, part.input, part.summary);
  let count = part.status === 'running' ? '' : rowCount(part.rows, part.total, part.truncated);
  // A count's rows are its groups, and its total what was counted: "79 in 24 groups", not "24 of 79".
  if (count && tool === 'netbox_count_objects' && part.total !== undefined) {
    count = str(part.input.group_by) && part.rows !== undefined ? `${fmt(part.total)} in ${fmt(part.rows)} ${part.rows === 1 ? 'group' : 'groups'}` : `${fmt(part.total)} counted`;
  }
  return { title, filters, count, status: STATUS_WORDS[part.status] };
}
