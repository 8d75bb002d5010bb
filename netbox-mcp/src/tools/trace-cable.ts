import { z } from 'zod';
import { NetboxMcpError } from '../errors.ts';
import { fitSections, type TextSection } from '../format/fit-sections.ts';
import { NameLinks, namesPart } from '../format/name-links.ts';
import { cablePathSections, pathEnds, pathState } from '../format/render-cable-path.ts';
import { pathFromTrace, pathsFromCablePaths } from '../query/cable-paths.ts';
import { findPort } from '../query/find-port.ts';
import { pathEnd } from '../query/path-ends.ts';
import { endLabel } from '../format/path-labels.ts';
import { PORT_KINDS, PORT_TYPES } from '../query/port-kinds.ts';
import { QueryLog } from '../query/query-log.ts';
import type { CablePath } from '../result/tool-data.ts';
import { textResult } from '../result/tool-result.ts';
import { intArg } from './common-input.ts';
import { defineTool } from './tool-definition.ts';

export const traceCableTool = defineTool({
  name: 'netbox_trace_cable',
  title: 'Trace a cable path',
  description:
    'The whole cable path from a port to its far end, through patch panels and circuits, by NetBox\'s own trace: each hop as ' +
    'device · port · cable · circuit; split and incomplete paths said plainly. Name the port by device + port, or id. ' +
    'Circuit termination: device = circuit ID, port = A or Z.',
  input: {
    device: z.string().optional().describe('Device (circuit ID, power panel) the port is on'),
    port: z.string().optional().describe('Port name, e.g. Ethernet1'),
    id: intArg(1, 1e12).optional().describe('Port id instead of device + port'),
    port_type: z.enum(PORT_TYPES).optional().describe('Default interface'),
  },
  async handler(args, ctx) {
    const catalog = await ctx.catalog();
    const portType = args.port_type ?? 'interface';
    const kind = PORT_KINDS[portType];
    const type = catalog.resolve(kind.model);
    const log = new QueryLog(ctx);
    const port = await findPort(ctx, log, type, kind, args);
    const origin = pathEnd(ctx, catalog, port);
    if (!origin) throw new NetboxMcpError('NETBOX_BAD_RESPONSE', `NetBox gave ${type.key} #${port.id} without its name.`);
    const body = await log.get<unknown>(`${type.listPath}${port.id}/${kind.action}/`);
    const paths: CablePath[] = kind.action === 'trace' ? [pathFromTrace(ctx, catalog, body)].filter((p) => p.hops.length > 0) : pathsFromCablePaths(ctx, catalog, body);

    const label = endLabel(origin);
    const traceUrl = ctx.client.uiUrl(`${type.listPath}${port.id}/trace/`);
    const sections: TextSection[] = [];
    if (paths.length === 0) {
      const cabled = Boolean(port.cable);
      sections.push({
        head: [
          cabled
            ? `${label}: NetBox has no cable path recorded through it although it is cabled (its path may need retracing in NetBox).`
            : `${label} has no cable: there is nothing to trace.`,
          `NetBox: ${ctx.client.uiUrl(`${type.listPath}${port.id}/`)}`,
        ],
        rows: [],
      });
    } else if (paths.length === 1) {
      const [path] = paths;
      sections.push({ head: [`Cable trace from ${label}: ${pathState(path!)} · ${path!.hops.length} hop${path!.hops.length === 1 ? '' : 's'} · NetBox: ${traceUrl}`], rows: [] });
      sections.push(...cablePathSections('', path!).map((s, i) => (i === 0 ? { ...s, head: [] } : s)));
    } else {
      sections.push({ head: [`${paths.length} cable paths run through ${label} · NetBox: ${traceUrl}`], rows: [] });
      paths.forEach((path, i) => sections.push(...cablePathSections(`Path ${i + 1}: ${pathEnds(path)} (${pathState(path)})`, path)));
    }
    const fitted = fitSections(sections, ctx.limits.maxResultChars);

    const names = new NameLinks();
    const objects: Record<string, string> = {};
    for (const end of [origin, ...paths.flatMap((p) => p.hops.flatMap((h) => [...h.near, ...h.far]))]) {
      for (const ref of [end, end.device, end.circuit]) {
        if (!ref?.url) continue;
        objects[`${ref.type}:${ref.id}`] = ref.url;
        names.add(ref.name, ref.url);
      }
    }
    for (const cable of paths.flatMap((p) => p.hops.flatMap((h) => (h.cable ? [h.cable] : [])))) if (cable.url) names.add(cable.name, cable.url);
    return textResult(fitted.text, {
      queries: log.paths,
      rows: paths.reduce((n, p) => n + p.hops.length, 0),
      total: paths.reduce((n, p) => n + p.hops.length, 0),
      truncated: fitted.truncated,
      links: { list: traceUrl, objects, ...namesPart(names) },
      data: { kind: 'cable_trace', origin, paths },
    });
  },
});
