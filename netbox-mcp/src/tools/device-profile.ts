import { cells } from '../format/cells.ts';
import { compactValue } from '../format/compact-value.ts';
import { fitSections, type TextSection } from '../format/fit-sections.ts';
import { NameLinks, namesPart } from '../format/name-links.ts';
import { tableLines } from '../format/render-table.ts';
import { deviceSummary } from '../query/device-summary.ts';
import { failureText, fetchParts } from '../query/fetch-parts.ts';
import { cablePeer, INTERFACE_FIELDS, isCablable, lagName, vlansCell, type InterfaceRow } from '../query/interface-rows.ts';
import { choiceValue } from '../format/choice-value.ts';
import { QueryLog } from '../query/query-log.ts';
import { resolveObject } from '../query/resolve-object.ts';
import { summarizeChanges } from '../query/summarize-changes.ts';
import { vrfLabel } from '../query/vrf-ref.ts';
import { enumListArg, intArg, nameOrIdArg } from './common-input.ts';
import { defineTool } from './tool-definition.ts';
import { textResult } from '../result/tool-result.ts';

const SECTIONS = ['interfaces', 'ips', 'changes'] as const;
type Section = (typeof SECTIONS)[number];
const IP_FIELDS = 'id,address,vrf,status,role,dns_name,assigned_object_type,assigned_object_id';
const CHANGES_SHOWN = 10;

interface IpRow {
  readonly id: number;
  readonly address: string;
  readonly vrf?: unknown;
  readonly status?: unknown;
  readonly role?: unknown;
  readonly dns_name?: string;
  readonly assigned_object_type?: string | null;
  readonly assigned_object_id?: number | null;
}

/** An ObjectChange row; the other fields go to the shared change summary as they are. */
type ChangeRow = Readonly<Record<string, unknown>> & {
  readonly id: number;
  readonly time: string;
  readonly user_name?: string;
  readonly user?: { readonly username?: string } | null;
  readonly action?: unknown;
  readonly prechange_data?: unknown;
  readonly postchange_data?: unknown;
};

export const deviceProfileTool = defineTool({
  name: 'netbox_device_profile',
  title: 'Device profile',
  description:
    'One device in one call: summary (site, rack, role, type, IPs), its interfaces with mode, VLANs, IPs and cable peer ' +
    '(and which have no cable), its IP addresses, and recent changes with the fields changed.',
  input: {
    device: nameOrIdArg().describe('Device name or id'),
    sections: enumListArg(SECTIONS).optional().describe('Default all: interfaces, ips, changes'),
    changes_days: intArg(1, 3650).optional().describe('Change window in days (default 30)'),
  },
  async handler(args, ctx) {
    const catalog = await ctx.catalog();
    const types = {
      device: catalog.resolve('dcim.device'),
      iface: catalog.resolve('dcim.interface'),
      ip: catalog.resolve('ipam.ipaddress'),
      change: catalog.resolve('core.objectchange'),
    };
    const ref = await resolveObject(ctx, types.device, args.device, { argument: 'device' });
    const wanted = new Set<Section>(args.sections?.length ? args.sections : SECTIONS);
    const days = args.changes_days ?? 30;
    const since = new Date(Date.now() - days * 86_400_000).toISOString();
    const log = new QueryLog(ctx);
    const none = <T>(): Promise<T[] | undefined> => Promise.resolve(undefined);

    const parts = await fetchParts(ctx, {
      device: () => log.get<Record<string, unknown>>(`${types.device.listPath}${ref.id}/`, { exclude: 'config_context' }),
      interfaces: () => (wanted.has('interfaces') ? log.all<InterfaceRow>(types.iface, { device_id: ref.id, fields: INTERFACE_FIELDS }) : none<InterfaceRow>()),
      // The interface table shows each interface's IPs, so IPs are needed for either section.
      ips: () => (wanted.has('ips') || wanted.has('interfaces') ? log.all<IpRow>(types.ip, { device_id: ref.id, fields: IP_FIELDS }) : none<IpRow>()),
      changes: () =>
        wanted.has('changes')
          ? log.list<ChangeRow>(types.change.listPath, {
              changed_object_type: 'dcim.device',
              changed_object_id: ref.id,
              time_after: since,
              ordering: '-time',
              limit: CHANGES_SHOWN,
            })
          : Promise.resolve(undefined),
    });
    const failures: string[] = [];
    for (const [name, part] of Object.entries(parts)) if (!part.ok) failures.push(failureText(name, part.error));
    if (!parts.device.ok) throw parts.device.error;
    const device = parts.device.value;
    const interfaces = parts.interfaces.ok ? parts.interfaces.value : undefined;
    const ips = parts.ips.ok ? (parts.ips.value ?? []) : [];
    const changes = parts.changes.ok ? parts.changes.value : undefined;

    const deviceUrl = ctx.client.uiUrl(`${types.device.listPath}${ref.id}/`);
    const ifaceListUrl = ctx.client.uiUrl(types.iface.listPath, { device_id: ref.id });
    const ifaceUrl = `${ctx.client.uiUrl(types.iface.listPath)}{id}/`;
    const name = String(device.name ?? ref.display);
    const sections: TextSection[] = [{ head: [`dcim.device #${ref.id} ${name} · NetBox: ${deviceUrl}`, ...deviceSummary(device)], rows: [] }];
    // Rows are cut from the lowest rank first: IP rows repeat the interface table; changes are few and kept last.
    const ranks: number[] = [9];

    const ipsByInterface = new Map<number, string[]>();
    for (const ip of ips) {
      if (ip.assigned_object_type !== 'dcim.interface' || typeof ip.assigned_object_id !== 'number') continue;
      const list = ipsByInterface.get(ip.assigned_object_id) ?? [];
      list.push(ip.address);
      ipsByInterface.set(ip.assigned_object_id, list);
    }
    const ifaceName = new Map((interfaces ?? []).map((i) => [i.id, i.name]));

    if (interfaces) {
      const table = tableLines(
        interfaces.map((i) =>
          cells({
            name: i.name,
            type: compactValue(i.type),
            enabled: i.enabled === false ? 'no' : 'yes',
            lag: lagName(i),
            mode: compactValue(i.mode),
            vlans: vlansCell(i),
            IPs: ipsByInterface.get(i.id)?.join(', '),
            'cable peer': cablePeer(i),
          }),
        ),
        ['name', 'type', 'enabled', 'lag', 'mode', 'vlans', 'IPs', 'cable peer'],
      );
      const uncabled = interfaces.filter((i) => !i.cable);
      ranks.push(1);
      sections.push({
        head: [
          `Interfaces (${interfaces.length}) · NetBox: ${ifaceListUrl}`,
          uncabledLine(interfaces, uncabled),
        ],
        header: table.header,
        rows: table.lines,
        cutHint: `the full list: netbox_get_objects('dcim.interface', {"device_id": ${ref.id}})`,
      });
    }

    if (wanted.has('ips') && parts.ips.ok) {
      const table = tableLines(
        ips.map((ip) =>
          cells({
            address: ip.address,
            vrf: vrfLabel(ip.vrf),
            status: compactValue(ip.status),
            role: compactValue(ip.role),
            dns_name: ip.dns_name,
            interface: typeof ip.assigned_object_id === 'number' ? (ifaceName.get(ip.assigned_object_id) ?? `#${ip.assigned_object_id}`) : undefined,
          }),
        ),
        ['address', 'vrf', 'status', 'role', 'dns_name', 'interface'],
      );
      ranks.push(0);
      sections.push({ head: [ips.length ? `IP addresses (${ips.length}):` : 'IP addresses: none'], header: table.header, rows: table.lines });
    }

    if (changes) {
      const described = await summarizeChanges(ctx, catalog, changes.results);
      log.paths.push(...described.queries);
      failures.push(...described.failures);
      const table = tableLines(
        changes.results.map((c, index) =>
          cells({
            time: c.time.replace('T', ' ').slice(0, 16),
            user: c.user_name ?? c.user?.username,
            action: choiceValue(c.action),
            changed: described.summaries[index],
          }),
        ),
        ['time', 'user', 'action', 'changed'],
      );
      ranks.push(2);
      const more = changes.count > changes.results.length ? `, showing the latest ${changes.results.length} (netbox_get_changelogs for all)` : '';
      sections.push({
        head: [
          changes.count === 0 ? `Changes in the last ${days} days (since ${since.slice(0, 10)}): none` : `Changes in the last ${days} days (since ${since.slice(0, 10)}): ${changes.count}${more}`,
        ],
        header: table.header,
        rows: table.lines,
      });
    }

    if (failures.length) {
      ranks.push(9);
      sections.push({ head: [`Failed parts (not shown): ${failures.join('; ')}`], rows: [] });
    }
    const cutOrder = sections.map((_, i) => i).sort((a, b) => ranks[a]! - ranks[b]!);
    const fitted = fitSections(sections, ctx.limits.maxResultChars, cutOrder);

    const objects: Record<string, string> = { [`dcim.device:${ref.id}`]: deviceUrl };
    // The device under its own name first: an interface or a related object of the same name must not take it.
    const names = new NameLinks().add(name, deviceUrl).addRelated(device, (p) => ctx.client.uiUrl(p));
    const ifaceIndex = interfaces ? 1 : -1;
    for (const i of (interfaces ?? []).slice(0, ifaceIndex >= 0 ? fitted.kept[ifaceIndex] : 0)) {
      const url = ifaceUrl.replace('{id}', String(i.id));
      objects[`dcim.interface:${i.id}`] = url;
      names.add(i.name, url);
    }
    return textResult(fitted.text, {
      queries: log.paths,
      rows: interfaces?.length ?? 0,
      total: interfaces?.length ?? 0,
      truncated: fitted.truncated || failures.length > 0,
      links: { list: ifaceListUrl, objects, ...namesPart(names) },
    });
  },
});


/** The answer to "which interfaces have no cable", with the ones that cannot take one named as such. */
function uncabledLine(all: readonly InterfaceRow[], uncabled: readonly InterfaceRow[]): string {
  const head = `${all.length} interfaces: ${all.length - uncabled.length} cabled, ${uncabled.length} without cable`;
  if (uncabled.length === 0) return head;
  const virtual = uncabled.filter((i) => !isCablable(i)).map((i) => i.name);
  return `${head}: ${uncabled.map((i) => i.name).join(', ')}${virtual.length ? ` (cannot take a cable: ${virtual.join(', ')})` : ''}`;
}
