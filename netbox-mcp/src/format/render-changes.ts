import type { ResultLinks } from '../result/result-meta.ts';
import type { Cell } from './compact-value.ts';
import { fitLines } from './fit-budget.ts';
import { tableLines } from './render-table.ts';

export interface ChangeRow {
  readonly id: number;
  readonly time: string;
  readonly user: string;
  readonly action: string;
  readonly type: string;
  readonly object: string;
  readonly changes: string;
  /** Compact JSON snapshots, when asked for. */
  readonly before?: string | undefined;
  readonly after?: string | undefined;
}

export interface ChangesView {
  /** `changes to dcim.device sw-01 between … and …` */
  readonly title: string;
  readonly count: number;
  readonly offset: number;
  readonly rows: readonly ChangeRow[];
  /** Columns that say the same on every row (one object asked for) are left out. */
  readonly columns: readonly (keyof ChangeRow)[];
  readonly notes: readonly string[];
  /** Lines after the table: related changes, lookups that failed. */
  readonly extra: readonly string[];
  readonly listUrl: string;
  readonly objectUrlTemplate: string;
  /** The object's own change-log tab, which also lists changes to its components. */
  readonly objectChangelogUrl?: string | undefined;
  readonly budget: number;
}

/**
 * The change log as one table, newest first, each row with what changed; with snapshots, each row is followed
 * by its before/after data and cut as a unit so a change is never shown without its data.
 */
export function renderChanges(view: ChangesView): { text: string; shown: number; truncated: boolean; links: ResultLinks } {
  const cells = view.rows.map((row) => Object.fromEntries(view.columns.map((c) => [c, row[c] === '' ? undefined : row[c]])) as Record<string, Cell>);
  const { header, lines } = tableLines(cells, view.columns as string[]);
  const units = view.rows.map((row, i) =>
    [lines[i]!, ...(row.before ? [`  before: ${row.before}`] : []), ...(row.after ? [`  after: ${row.after}`] : [])].join('\n'),
  );
  const head = [`${view.title}: ${summary(view.count, view.offset, view.rows.length)}`, ...(view.notes.length ? [`Resolved: ${view.notes.join('; ')}`] : [])];
  const linkLine = `NetBox changelog: ${view.listUrl} · change: ${view.objectUrlTemplate}${view.objectChangelogUrl ? ` · object's changelog: ${view.objectChangelogUrl}` : ''}`;
  if (view.rows.length === 0) {
    return { text: [...head, ...view.extra, linkLine].join('\n'), shown: 0, truncated: false, links: { list: view.listUrl } };
  }
  const { kept, dropped, clipped } = fitLines([...head, header, ...view.extra, linkLine], units, view.budget);
  const shown = kept.length;
  const footer: string[] = [...view.extra];
  if (dropped > 0 || clipped) {
    head[0] = `${view.title}: ${summary(view.count, view.offset, shown)}`;
    footer.push(`Cut to ${shown} of ${view.rows.length} rows to stay within ${view.budget} characters; continue with offset=${view.offset + shown}${view.rows.some((r) => r.before || r.after) ? ', or ask without snapshots' : ''}.`);
  } else if (view.offset + shown < view.count) {
    footer.push(`More: offset=${view.offset + shown} for older changes, or narrow with since/until, user, action.`);
  }
  footer.push(linkLine);
  const objects: Record<string, string> = {};
  for (const row of view.rows.slice(0, shown)) objects[String(row.id)] = view.objectUrlTemplate.replace('{id}', String(row.id));
  return { text: [...head, header, ...kept, ...footer].join('\n'), shown, truncated: dropped > 0 || clipped, links: { list: view.listUrl, objects } };
}

function summary(count: number, offset: number, shown: number): string {
  if (count === 0) return 'no changes';
  if (shown === count) return `all ${count}`;
  if (shown === 0) return `none shown of ${count} (offset ${offset} is past the end)`;
  return `showing ${offset + 1}–${offset + shown} of ${count}`;
}
