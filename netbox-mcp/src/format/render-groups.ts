import { fitLines } from './fit-budget.ts';
import { cellText } from './render-table.ts';

/** One group as the table shows it: its label per grouped field and how many objects it holds. */
export interface GroupRow {
  readonly labels: readonly string[];
  readonly count: number;
}

export interface GroupView {
  /** First line: what was counted, by what, under which filters. */
  readonly title: string;
  readonly columns: readonly string[];
  readonly buckets: readonly GroupRow[];
  /** Lines between the title and the table (resolved names, how tags count). */
  readonly notes: readonly string[];
  /** Lines after the table (total, the NetBox list link). */
  readonly footer: readonly string[];
  readonly budget: number;
}

/** A `field | count` table, biggest groups first, cut at whole groups to stay within the budget. */
export function renderGroups(view: GroupView): { text: string; shown: number; truncated: boolean } {
  const header = [...view.columns, 'count'].join(' | ');
  const lines = view.buckets.map((b) => [...b.labels.map((l) => cellText(l)), String(b.count)].join(' | '));
  const head = [view.title, ...view.notes];
  const { kept, dropped } = fitLines([...head, header, ...view.footer], lines, view.budget);
  const cut = dropped > 0 ? [`Cut to the ${kept.length} largest of ${lines.length} groups to stay within ${view.budget} characters; add filters or group by fewer fields.`] : [];
  return { text: [...head, header, ...kept, ...cut, ...view.footer].join('\n'), shown: kept.length, truncated: dropped > 0 };
}
