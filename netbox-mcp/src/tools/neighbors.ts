import { z } from 'zod';
import { NetboxMcpError } from '../errors.ts';
import { fitSections, type TextSection } from '../format/fit-sections.ts';
import { NameLinks, namesPart } from '../format/name-links.ts';
import { cellText } from '../format/render-table.ts';
import { neighborDevices, scanNeighbors } from '../query/cabled-neighbors.ts';
import { cableLabel, endLabel } from '../format/path-labels.ts';
import { QueryLog } from '../query/query-log.ts';
import { resolveObject } from '../query/resolve-object.ts';
import type { NeighborLink, NeighborsData, PathEnd } from '../result/tool-data.ts';
import { textResult } from '../result/tool-result.ts';
import { intArg } from './common-input.ts';
import { defineTool } from './tool-definition.ts';

export const neighborsTool = defineTool({
  name: 'netbox_neighbors',
  title: 'Cabled neighbors of a device',
  description:
    'What a device is connected to: per cabled port (interfaces, console, power, patch panel ports) the far device and port, ' +
    'the cable, and any patch panel or circuit in between; depth 2 adds the neighbors\' own neighbors.',
  input: {
    device: z.string().optional().describe('Device name'),
    device_id: intArg(1, 1e12).optional(),
    depth: intArg(1, 2).optional().describe('1 (default) or 2'),
  },
  async handler(args, ctx) {
    const catalog = await ctx.catalog();
    const deviceType = catalog.resolve('dcim.device');
    const given = args.device_id ?? args.device?.trim();
    if (given === undefined || given === '') throw new NetboxMcpError('INVALID_ARGUMENT', 'Name the device: device (name) or device_id.');
    const ref = await resolveObject(ctx, deviceType, given, { argument: args.device_id === undefined ? 'device' : 'device_id' });
    const depth = args.depth === 2 ? 2 : 1;
    const log = new QueryLog(ctx);
    const first = await scanNeighbors(ctx, log, catalog, [ref.id], 1);
    const hop1 = neighborDevices(first.links).filter((d) => d.id !== ref.id);
    const second = depth === 2 && hop1.length ? await scanNeighbors(ctx, log, catalog, hop1.map((d) => d.id), 2) : undefined;
    // A neighbor's links back to the device say nothing new, and a cable between two neighbors is one link.
    const seenCables = new Set<number>();
    const hop2Links = (second?.links ?? []).filter((l) => {
      if (l.to?.device?.id === ref.id) return false;
      if (l.cable && seenCables.has(l.cable.id)) return false;
      if (l.cable) seenCables.add(l.cable.id);
      return true;
    });
    const hop2 = neighborDevices(hop2Links).filter((d) => d.id !== ref.id && !hop1.some((n) => n.id === d.id));

    const deviceUrl = ctx.client.uiUrl(`${deviceType.listPath}${ref.id}/`);
    const name = first.links[0]?.from.device?.name ?? ref.display;
    const ports = [...first.ports].map(([word, n]) => `${word} ${n}`).join(', ');
    const perDevice = new Map<number, number>();
    for (const l of first.links) if (l.to?.device) perDevice.set(l.to.device.id, (perDevice.get(l.to.device.id) ?? 0) + 1);
    const sections: TextSection[] = [
      {
        head: [
          first.links.length
            ? `${name}: ${first.links.length} cabled port${first.links.length === 1 ? '' : 's'} (${ports}) to ${hop1.length} device${hop1.length === 1 ? '' : 's'} · NetBox: ${deviceUrl}`
            : `${name} has no cabled ports: it has no neighbors recorded in NetBox · NetBox: ${deviceUrl}`,
          ...(hop1.length ? [`Neighbors: ${hop1.map((d) => `${d.name}${(perDevice.get(d.id) ?? 0) > 1 ? ` (${perDevice.get(d.id)} links)` : ''}`).join(', ')}`] : []),
        ],
        ...linkTable(first.links, false),
      },
    ];
    if (second) {
      sections.push({
        head: [`Depth 2: their neighbors, ${hop2.length} more device${hop2.length === 1 ? '' : 's'}${hop2.length ? `: ${hop2.map((d) => d.name).join(', ')}` : ''}`],
        ...linkTable(hop2Links, true),
      });
    }
    const failures = [...first.failures, ...(second?.failures ?? [])];
    if (failures.length) sections.push({ head: [`Failed parts (the lists above may be incomplete): ${failures.join('; ')}`], rows: [] });
    // Second-hop rows go first when the budget is tight.
    const fitted = fitSections(sections, ctx.limits.maxResultChars, sections.map((_, i) => i).reverse());

    const links: NeighborLink[] = [...first.links, ...hop2Links];
    const data: NeighborsData = {
      kind: 'neighbors',
      device: { type: 'dcim.device', id: ref.id, name, url: deviceUrl },
      depth,
      devices: [{ type: 'dcim.device', id: ref.id, name, url: deviceUrl, hop: 0 }, ...hop1.map((d) => ({ ...d, hop: 1 })), ...hop2.map((d) => ({ ...d, hop: 2 }))],
      links,
    };
    const names = new NameLinks().add(name, deviceUrl);
    const objects: Record<string, string> = { [`dcim.device:${ref.id}`]: deviceUrl };
    for (const device of data.devices) {
      if (!device.url) continue;
      names.add(device.name, device.url);
      objects[`dcim.device:${device.id}`] = device.url;
    }
    return textResult(fitted.text, {
      queries: log.paths,
      rows: fitted.kept.reduce((a, b) => a + b, 0),
      total: links.length,
      truncated: fitted.truncated || failures.length > 0,
      links: { list: ctx.client.uiUrl('/api/dcim/interfaces/', { device_id: ref.id, cabled: true }), objects, ...namesPart(names) },
      data,
    });
  },
});

/** The far port, or where the link ends without one (a circuit's site), or that nothing is recorded beyond. */
function farPort(link: NeighborLink): string {
  if (link.to) return link.to.device ? link.to.name : endLabel(link.to);
  return link.circuit ? `no far end recorded for circuit ${link.circuit.name}` : 'nothing beyond';
}

/** `local port | neighbor | neighbor port | via | cable`, one row per cabled port; hop 2 names the near device too. */
function linkTable(links: readonly NeighborLink[], withDevice: boolean): { header: string; rows: string[] } {
  const header = [...(withDevice ? ['device'] : []), 'port', 'neighbor', 'neighbor port', 'via', 'cable'].join(' | ');
  const rows = links.map((l) =>
    [
      ...(withDevice ? [l.from.device?.name ?? ''] : []),
      endLabel({ ...l.from, device: undefined } as PathEnd),
      l.to?.device?.name ?? (l.circuit ? '—' : ''),
      farPort(l),
      l.via.map(endLabel).join(' → '),
      cableLabel(l.cable),
    ]
      .map((c) => cellText(c))
      .join(' | '),
  );
  return { header, rows };
}
