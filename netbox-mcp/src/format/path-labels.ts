import type { CableRef, PathEnd } from '../result/tool-data.ts';

/** Words for kinds of path ends other than interfaces, which need none. */
const KIND_WORDS: Readonly<Record<string, string>> = {
  'dcim.frontport': 'front port',
  'dcim.rearport': 'rear port',
  'dcim.consoleport': 'console port',
  'dcim.consoleserverport': 'console server port',
  'dcim.powerport': 'power port',
  'dcim.poweroutlet': 'power outlet',
  'dcim.powerfeed': 'power feed',
};

/** `sw-01 Ethernet1`, `pp-01 Port 3 (front port)`, `circuit BT4677212 (BT) side A`, `site MUC-BR1`. */
export function endLabel(end: PathEnd): string {
  if (end.circuit) return `circuit ${end.circuit.name}${end.side ? ` side ${end.side}` : ''}`;
  const kind = KIND_WORDS[end.type];
  if (end.device) return `${end.device.name} ${end.name}${kind ? ` (${kind})` : ''}`;
  if (end.type === 'dcim.site') return `site ${end.name}`;
  if (end.type === 'circuits.providernetwork') return `provider network ${end.name}`;
  return kind ? `${kind} ${end.name}` : end.name;
}

/** `CHI-DC1-0021 (mmf-om4, 3 ft)`, with its status when it is not connected. */
export function cableLabel(cable: CableRef | null): string {
  if (!cable) return '—';
  const facts = [cable.cableType, cable.length !== undefined ? `${cable.length} ${cable.lengthUnit ?? ''}`.trim() : undefined, cable.status && cable.status !== 'connected' ? cable.status : undefined].filter(Boolean);
  return `${cable.name}${facts.length ? ` (${facts.join(', ')})` : ''}`;
}
