/**
 * What a tool call asks for, in words, for the tool card (`tool_use.summary`): "dcim.device where site=dc1".
 * Our NetBox tools get a sentence each; any other tool its short name and clipped input.
 */
export function describeToolUse(name: string, input: Record<string, unknown>): string {
  const tool = name.startsWith('mcp__netbox__') ? name.slice('mcp__netbox__'.length) : name;
  const type = str(input.object_type);
  const where = filters(input.filters);
  switch (tool) {
    case 'netbox_get_objects':
      return clip(`${type ?? 'Objects'}${where ? ` where ${where}` : ''}`);
    case 'netbox_count_objects':
      return clip(`Count ${type ?? 'objects'}${where ? ` where ${where}` : ''}${str(input.group_by) ? ` by ${str(input.group_by)}` : ''}`);
    case 'netbox_get_object_by_id':
      return clip(`${type ?? 'Object'} #${String(input.object_id ?? input.id ?? '?')}`);
    case 'netbox_search_objects':
      return clip(`Search for "${str(input.query) ?? ''}"`);
    case 'netbox_get_changelogs':
      return clip(`Change log${where ? ` where ${where}` : ''}`);
    case 'netbox_describe_type':
      return clip(`Fields and filters of ${type ?? 'a type'}`);
    case 'netbox_device_profile':
      return clip(`Device ${String(input.device ?? '')}`);
    case 'netbox_ip_profile':
      return clip(`IP address ${str(input.address) ?? ''}`);
    case 'netbox_prefix_usage':
      return clip(input.prefix === undefined ? `Prefix usage${where ? ` where ${where}` : ''}` : `Usage of prefix ${String(input.prefix)}`);
    case 'netbox_related_objects':
      return clip(`Objects that refer to ${type ?? 'object'} ${String(input.object ?? '')}`);
    case 'netbox_trace_cable':
      return clip(`Cable trace from ${input.id !== undefined ? `${str(input.port_type) ?? 'interface'} #${String(input.id)}` : `${String(input.device ?? '')} ${String(input.port ?? '')}`}`);
    case 'netbox_available':
      return clip(`Free ${({ ip: 'IPs', prefix: 'prefixes', vlan: 'VLAN IDs', asn: 'ASNs' } as Record<string, string>)[String(input.kind)] ?? 'values'} in ${String(input.within ?? '')}${input.prefix_length !== undefined ? ` (/${String(input.prefix_length)})` : ''}`);
    case 'netbox_neighbors':
      return clip(`Neighbors of ${String(input.device ?? `device #${String(input.device_id ?? '?')}`)}${Number(input.depth) === 2 ? ', two hops' : ''}`);
    case 'netbox_impact':
      return clip(`What depends on ${type ?? 'object'} ${String(input.name ?? `#${String(input.id ?? '?')}`)}`);
    default:
      return clip(`${tool} ${JSON.stringify(input)}`);
  }
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function filters(value: unknown): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return '';
  return Object.entries(value)
    .map(([key, v]) => `${key}=${Array.isArray(v) ? v.map(String).join(',') : typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(', ');
}

function clip(text: string, max = 160): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
