export interface TextSection {
  /** Lines always kept (a title, a table header, a summary). */
  readonly head: readonly string[];
  /** A table's header row: shown only while at least one of its rows is. */
  readonly header?: string;
  /** Lines that may be cut, from the end. */
  readonly rows: readonly string[];
  /** Said when rows were cut, e.g. how to get them: `(cut N rows …)` is prepended. */
  readonly cutHint?: string;
}

export interface FittedSections {
  readonly text: string;
  /** Rows kept per section. */
  readonly kept: readonly number[];
  readonly truncated: boolean;
}

/**
 * Several sections in one result within one budget: whole rows are cut, from the sections named in
 * `cutOrder` first (least important first), and each cut section says how many rows it lost.
 */
export function fitSections(sections: readonly TextSection[], budget: number, cutOrder: readonly number[] = sections.map((_, i) => i)): FittedSections {
  const size = (lines: readonly string[]): number => lines.reduce((n, l) => n + l.length + 1, 0);
  const kept = sections.map((s) => s.rows.length);
  const noteRoom = 120;
  let total = sections.reduce((n, s) => n + size(s.head) + (s.header && s.rows.length ? s.header.length + 1 : 0) + size(s.rows), 0);
  for (const index of cutOrder) {
    const section = sections[index];
    if (!section || total <= budget) break;
    total += noteRoom;
    while (total > budget && kept[index]! > 0) {
      kept[index]!--;
      total -= section.rows[kept[index]!]!.length + 1;
      if (kept[index] === 0 && section.header) total -= section.header.length + 1;
    }
  }
  const lines: string[] = [];
  for (const [i, s] of sections.entries()) {
    lines.push(...s.head, ...(s.header && kept[i]! > 0 ? [s.header] : []), ...s.rows.slice(0, kept[i]));
    const cut = s.rows.length - kept[i]!;
    if (cut > 0) lines.push(`(cut ${cut} of ${s.rows.length} rows to stay within ${budget} characters${s.cutHint ? `; ${s.cutHint}` : ''})`);
  }
  return { text: lines.join('\n'), kept, truncated: kept.some((k, i) => k < sections[i]!.rows.length) };
}
