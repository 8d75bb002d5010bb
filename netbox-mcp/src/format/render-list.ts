import type { ResultLinks } from '../result/result-meta.ts';
import { compactRow } from './compact-row.ts';
import { fitLines } from './fit-budget.ts';
import { NameLinks, namesPart } from './name-links.ts';
import { tableLines } from './render-table.ts';

export interface ListView {
  /** `dcim.device` */
  readonly title: string;
  readonly count: number;
  readonly offset: number;
  readonly results: readonly Readonly<Record<string, unknown>>[];
  /** Columns the model asked for, in its order. */
  readonly fields?: readonly string[] | undefined;
  /** Resolved names, said on one line. */
  readonly notes?: readonly string[];
  /** Facts worth a line each, after the title (a field the type does not have). */
  readonly warnings?: readonly string[];
  /** The same list in NetBox's web UI. */
  readonly listUrl: string;
  /** One object in NetBox's web UI, with `{id}` where the id goes. */
  readonly objectUrlTemplate: string;
  readonly budget: number;
}

export interface RenderedList {
  readonly text: string;
  readonly shown: number;
  readonly truncated: boolean;
  readonly links: ResultLinks;
}

/**
 * A page of NetBox objects as a compact table, with "showing N of M", how to get the rest, and the UI links
 * the model should use when it names an object.
 */
export function renderList(view: ListView): RenderedList {
  const keep = view.fields ? new Set(view.fields) : undefined;
  const rows = view.results.map((r) => compactRow(r, { mode: 'table', ...(keep ? { keep } : {}) }));
  const columns = view.fields ? ['id', ...view.fields.filter((f) => f !== 'id')] : undefined;
  const { header, lines } = tableLines(rows, columns);
  const head = [`${view.title}: ${summary(view, view.results.length)}`, ...(view.notes?.length ? [`Resolved: ${view.notes.join('; ')}`] : []), ...(view.warnings ?? [])];
  if (view.results.length === 0) {
    return { text: [...head, `NetBox list: ${view.listUrl}`].join('\n'), shown: 0, truncated: false, links: { list: view.listUrl } };
  }
  const { kept, dropped, clipped } = fitLines([...head, header], lines, view.budget);
  const shown = kept.length;
  const footer: string[] = [];
  if (dropped > 0 || clipped) {
    head[0] = `${view.title}: ${summary(view, shown)}`;
    footer.push(`Cut to ${shown} of ${view.results.length} rows to stay within ${view.budget} characters; continue with offset=${view.offset + shown}, or ask for fewer fields.`);
  } else if (view.offset + shown < view.count) {
    footer.push(`More: offset=${view.offset + shown} for the next rows, or narrow the filters.`);
  }
  footer.push(`NetBox list: ${view.listUrl} · object: ${view.objectUrlTemplate}`);
  const objects: Record<string, string> = {};
  const names = new NameLinks();
  for (const r of view.results.slice(0, shown)) {
    if (typeof r.id !== 'number') continue;
    const url = view.objectUrlTemplate.replace('{id}', String(r.id));
    objects[String(r.id)] = url;
    names.addRow(r, url);
  }
  return {
    text: [...head, header, ...kept, ...footer].join('\n'),
    shown,
    truncated: dropped > 0 || clipped,
    links: { list: view.listUrl, objects, ...namesPart(names) },
  };
}

function summary(view: ListView, shown: number): string {
  if (view.count === 0) return 'no matches';
  const first = view.offset + 1;
  const last = view.offset + shown;
  return shown === view.count ? `all ${view.count}` : `showing ${first}–${last} of ${view.count}`;
}
