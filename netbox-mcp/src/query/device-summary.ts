import { compactValue, type Cell } from '../format/compact-value.ts';

type Device = Readonly<Record<string, unknown>>;

/**
 * A device as a few `key: value` lines, the facts people ask about first (where it is, what it is, how to
 * reach it); empty fields are left out.
 */
export function deviceSummary(device: Device): string[] {
  const type = device.device_type as { manufacturer?: { name?: string }; model?: string } | undefined;
  const rack = compactValue(device.rack);
  const position = compactValue(device.position);
  const face = compactValue(device.face);
  const lines: [string, Cell | undefined][][] = [
    [
      ['status', compactValue(device.status)],
      ['role', compactValue(device.role)],
      ['type', type ? [type.manufacturer?.name, type.model].filter(Boolean).join(' ') : undefined],
      ['platform', compactValue(device.platform)],
      ['tenant', compactValue(device.tenant)],
    ],
    [
      ['site', compactValue(device.site)],
      ['location', compactValue(device.location)],
      ['rack', rack === undefined ? undefined : `${rack}${position !== undefined ? ` U${position}` : ''}${face !== undefined ? ` (${face})` : ''}`],
      ['parent', compactValue(device.parent_device)],
      ['virtual chassis', compactValue(device.virtual_chassis)],
      ['cluster', compactValue(device.cluster)],
    ],
    [
      ['primary IPv4', compactValue(device.primary_ip4)],
      ['primary IPv6', compactValue(device.primary_ip6)],
      ['OOB IP', compactValue(device.oob_ip)],
      ['serial', compactValue(device.serial)],
      ['asset tag', compactValue(device.asset_tag)],
    ],
    [
      ['tags', compactValue(device.tags)],
      ...Object.entries((device.custom_fields as Record<string, unknown> | undefined) ?? {}).map(([k, v]): [string, Cell | undefined] => [`cf_${k}`, compactValue(v)]),
      ['description', compactValue(device.description)],
    ],
  ];
  return lines
    .map((line) => line.filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `${k}: ${String(v)}`).join(' · '))
    .filter(Boolean);
}
