import type { CableRef, NeighborLink, ObjectRef, PathEnd } from '../result/tool-data.ts';
import type { Catalog } from '../schema/catalog.ts';
import { failureText, fetchParts } from './fetch-parts.ts';
import { cableRef, pathEnd } from './path-ends.ts';
import type { QueryLog } from './query-log.ts';
import type { ToolContext } from './tool-context.ts';

type Row = Readonly<Record<string, unknown>>;

/** Cabled port kinds of a device, with the fields that say where each leads. Pass-through ports have no path of their own. */
const PORTS: readonly { readonly model: string; readonly word: string; readonly endpoints: boolean }[] = [
  { model: 'dcim.interface', word: 'interfaces', endpoints: true },
  { model: 'dcim.consoleport', word: 'console ports', endpoints: true },
  { model: 'dcim.consoleserverport', word: 'console server ports', endpoints: true },
  { model: 'dcim.powerport', word: 'power ports', endpoints: true },
  { model: 'dcim.poweroutlet', word: 'power outlets', endpoints: true },
  { model: 'dcim.frontport', word: 'front ports', endpoints: false },
  { model: 'dcim.rearport', word: 'rear ports', endpoints: false },
];
const LINK_FIELDS = 'id,url,name,device,cable,link_peers,link_peers_type';

export interface NeighborScan {
  readonly links: NeighborLink[];
  /** Cabled ports per kind (`interfaces` → 7), in the order above. */
  readonly ports: ReadonlyMap<string, number>;
  /** Parts that could not be read, named, so an answer never passes a gap off as "no neighbors". */
  readonly failures: string[];
}

const list = (value: unknown): Row[] => (Array.isArray(value) ? (value as Row[]) : []);

/**
 * The cabled ports of some devices and what each leads to: the far end of its cable path (through patch
 * panels and circuits), else the object its cable ends at, and where a circuit without a far end lands.
 */
export async function scanNeighbors(ctx: ToolContext, log: QueryLog, catalog: Catalog, deviceIds: readonly number[], hop: 1 | 2): Promise<NeighborScan> {
  const kinds = PORTS.flatMap((p) => {
    const type = catalog.find(p.model);
    return type ? [{ ...p, type }] : [];
  });
  const parts = await fetchParts(
    ctx,
    Object.fromEntries(
      kinds.map((k) => [
        k.model,
        () => log.all<Row>(k.type, { device_id: [...deviceIds], cabled: true, fields: k.endpoints ? `${LINK_FIELDS},connected_endpoints,connected_endpoints_type` : LINK_FIELDS }),
      ]),
    ),
  );
  const failures: string[] = [];
  const rows: { row: Row; word: string }[] = [];
  const ports = new Map<string, number>();
  for (const k of kinds) {
    const part = parts[k.model]!;
    if (!part.ok) {
      failures.push(failureText(k.word, part.error));
      continue;
    }
    const found = part.value as Row[];
    if (found.length) ports.set(k.word, found.length);
    for (const row of found) rows.push({ row, word: k.word });
  }

  // A circuit whose other end is cabled to nothing: where it lands (a site, a provider network) comes from its terminations.
  const circuitIds = [...new Set(rows.flatMap(({ row }) => list(row.link_peers).map((p) => (p.circuit as Row | undefined)?.id)).filter((id): id is number => typeof id === 'number'))];
  const termType = catalog.find('circuits.circuittermination');
  const landings = new Map<string, PathEnd>();
  if (circuitIds.length && termType) {
    try {
      for (const t of await log.all<Row>(termType, { circuit_id: circuitIds, fields: 'id,circuit,term_side,termination_type,termination' })) {
        const where = pathEnd(ctx, catalog, t.termination);
        if (where) landings.set(`${String((t.circuit as Row | undefined)?.id)}:${String(t.term_side)}`, where);
      }
    } catch (error) {
      failures.push(failureText('circuit terminations', error));
    }
  }

  const links = rows.flatMap(({ row }): NeighborLink[] => {
    const from = pathEnd(ctx, catalog, row);
    if (!from) return [];
    const peers = list(row.link_peers).flatMap((p) => pathEnd(ctx, catalog, p) ?? []);
    const endpoints = list(row.connected_endpoints).flatMap((p) => pathEnd(ctx, catalog, p) ?? []);
    const circuit = peers.find((p) => p.circuit)?.circuit ?? null;
    let to: PathEnd | null = endpoints[0] ?? null;
    if (!to && circuit) {
      const near = peers.find((p) => p.circuit);
      to = landings.get(`${circuit.id}:${near?.side === 'A' ? 'Z' : 'A'}`) ?? null;
    } else if (!to && !circuit) {
      to = peers[0] ?? null;
    }
    const via = to && peers.some((p) => p.id === to.id && p.type === to.type) ? [] : peers;
    const cable: CableRef | null = cableRef(ctx, row.cable);
    return [{ hop, from, to, via, cable, circuit }];
  });
  return { links, ports, failures };
}

/** The devices links lead to, each once, in the order first met. */
export function neighborDevices(links: readonly NeighborLink[]): ObjectRef[] {
  const seen = new Map<string, ObjectRef>();
  for (const link of links) {
    const device = link.to?.device;
    if (device && !seen.has(`${device.type}:${device.id}`)) seen.set(`${device.type}:${device.id}`, device);
  }
  return [...seen.values()];
}
