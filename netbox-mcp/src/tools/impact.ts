import { z } from 'zod';
import { NetboxMcpError } from '../errors.ts';
import { fitSections, type TextSection } from '../format/fit-sections.ts';
import { NameLinks, namesPart } from '../format/name-links.ts';
import { circuitImpact } from '../query/impact/circuit-impact.ts';
import { deviceImpact } from '../query/impact/device-impact.ts';
import type { ImpactScope } from '../query/impact/impact-group.ts';
import { prefixImpact } from '../query/impact/prefix-impact.ts';
import { rackImpact } from '../query/impact/rack-impact.ts';
import { siteImpact } from '../query/impact/site-impact.ts';
import { vlanImpact } from '../query/impact/vlan-impact.ts';
import { QueryLog } from '../query/query-log.ts';
import { resolveObject } from '../query/resolve-object.ts';
import type { ImpactData, ImpactGroup } from '../result/tool-data.ts';
import { textResult } from '../result/tool-result.ts';
import { intArg, objectTypeArg } from './common-input.ts';
import { defineTool } from './tool-definition.ts';

/** The object types impact knows, and what it looks at for each. */
const PLANS: Readonly<Record<string, (scope: ImpactScope, id: number) => Promise<ImpactGroup[]>>> = {
  'dcim.device': deviceImpact,
  'circuits.circuit': circuitImpact,
  'dcim.site': siteImpact,
  'dcim.rack': rackImpact,
  'ipam.prefix': prefixImpact,
  'ipam.vlan': vlanImpact,
};

export const impactTool = defineTool({
  name: 'netbox_impact',
  title: 'What depends on an object',
  description:
    'What is affected if a device, circuit, site, rack, prefix or VLAN goes down, grouped in one call: for a device its cabled ' +
    'neighbors, circuits, virtual chassis, cluster and VMs, IPs and prefixes; for a circuit both ends and what hangs off them. Counts and first rows.',
  input: {
    object_type: objectTypeArg.describe('dcim.device, circuits.circuit, dcim.site, dcim.rack, ipam.prefix or ipam.vlan'),
    name: z.string().optional().describe('Name (circuit ID, CIDR for a prefix)'),
    id: intArg(1, 1e12).optional(),
    limit: intArg(0, 50).optional().describe('Rows per group (default 5)'),
  },
  async handler(args, ctx) {
    const catalog = await ctx.catalog();
    const type = catalog.resolve(args.object_type);
    const plan = PLANS[type.key];
    if (!plan) {
      throw new NetboxMcpError('INVALID_ARGUMENT', `netbox_impact knows ${Object.keys(PLANS).join(', ')}; not ${type.key}.`, {
        hint: 'For what refers to any other object, use netbox_related_objects.',
      });
    }
    const given = args.id ?? args.name?.trim();
    if (given === undefined || given === '') throw new NetboxMcpError('INVALID_ARGUMENT', 'Name the object: name or id.');
    const ref = await resolveObject(ctx, type, given, { argument: args.id === undefined ? 'name' : 'id' });
    const log = new QueryLog(ctx);
    const limit = args.limit ?? 5;
    const groups = await plan({ ctx, catalog, log, limit }, ref.id);

    const targetUrl = ctx.client.uiUrl(`${type.listPath}${ref.id}/`);
    const found = groups.filter((g) => g.count > 0 && !g.failed);
    const none = groups.filter((g) => g.count === 0 && !g.failed);
    const failed = groups.filter((g) => g.failed);
    const sections: TextSection[] = [
      {
        head: [
          `What depends on ${type.key} ${ref.display} (#${ref.id}) · NetBox: ${targetUrl}`,
          found.length ? `${found.length} group${found.length === 1 ? '' : 's'} with something in them:` : 'Nothing depends on it in NetBox.',
        ],
        rows: [],
      },
      ...found.map((g) => groupSection(g, limit)),
      {
        head: [
          ...(none.length ? [`None: ${none.map((g) => g.label).join('; ')}.`] : []),
          ...(failed.length ? [`Could not be read (counts unknown): ${failed.map((g) => `${g.label} (${g.failed})`).join('; ')}.`] : []),
        ],
        rows: [],
      },
    ];
    // Later groups lose their rows first; every group keeps its count line.
    const fitted = fitSections(sections, ctx.limits.maxResultChars, sections.map((_, i) => i).reverse());
    const data: ImpactData = { kind: 'impact', target: { type: type.key, id: ref.id, name: ref.display, url: targetUrl }, groups };
    const names = new NameLinks().add(ref.display, targetUrl);
    const objects: Record<string, string> = { [`${type.key}:${ref.id}`]: targetUrl };
    for (const group of groups) {
      for (const row of group.shown) {
        if (!row.url) continue;
        objects[`${row.type}:${row.id}`] = row.url;
        names.add(row.name, row.url);
      }
    }
    return textResult(fitted.text, {
      queries: log.paths,
      rows: groups.reduce((n, g) => n + g.shown.length, 0),
      total: groups.reduce((n, g) => n + g.count, 0),
      truncated: fitted.truncated || failed.length > 0,
      links: { list: targetUrl, objects, ...namesPart(names) },
      data,
    });
  },
});

/** `devices cabled to it: 8 · NetBox: …` and its first rows, one a line. */
function groupSection(group: ImpactGroup, limit: number): TextSection {
  const shown = limit === 0 ? `${group.count}` : group.shown.length < group.count ? `${group.count}, first ${group.shown.length}` : `${group.count}`;
  return {
    head: [`${group.label} (${group.type}): ${shown}${group.listUrl ? ` · NetBox: ${group.listUrl}` : ''}`],
    rows: limit === 0 ? [] : [group.shown.map((r) => r.name).join(', ')],
  };
}
