import { cableLabel, endLabel } from './path-labels.ts';
import type { CablePath, PathEnd } from '../result/tool-data.ts';
import type { TextSection } from './fit-sections.ts';
import { cellText } from './render-table.ts';

const many = (list: readonly PathEnd[]): string => (list.length ? list.map(endLabel).join(' + ') : '—');

/** `complete · all cables connected`, `split`, …: a path's state in NetBox's terms. */
export function pathState(path: CablePath): string {
  return [path.split ? 'split' : path.complete ? 'complete' : 'incomplete', path.active ? 'all cables connected' : 'not all cables connected'].join(' · ');
}

/**
 * One path as a `hop | from | cable | to` table, then where it ends or why it stops: two sections, so a size
 * budget cuts hops but never the ending.
 */
export function cablePathSections(title: string, path: CablePath): [TextSection, TextSection] {
  const rows = path.hops.map((hop, i) =>
    [String(i + 1), many(hop.near), hop.cable ? cableLabel(hop.cable) : '— (attached, no cable)', many(hop.far)].map((c) => cellText(c)).join(' | '),
  );
  const last = path.hops.at(-1)?.far ?? [];
  const tail = [
    ...(path.complete && last.length ? [`Far end: ${many(last)}.`] : []),
    ...(path.stops ? [`${path.split ? 'Split' : 'Incomplete'}: ${path.stops}.`] : []),
  ];
  return [
    { head: [title], header: 'hop | from | cable | to', rows, cutHint: 'the whole path is on the NetBox trace page' },
    { head: tail, rows: [] },
  ];
}

/** `sw-01 Ethernet1 → sw-02 Ethernet1`: a path by its two ends. */
export function pathEnds(path: CablePath): string {
  const first = path.hops[0]?.near ?? [];
  const last = path.hops.at(-1)?.far ?? [];
  return `${many(first)} → ${last.length ? many(last) : '(open end)'}`;
}
