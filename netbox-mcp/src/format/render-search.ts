import { fitLines } from './fit-budget.ts';

export interface SearchSection {
  /** `dcim.device` */
  readonly title: string;
  readonly count: number;
  readonly header: string;
  readonly lines: readonly string[];
  /** The same search in NetBox's web UI. */
  readonly listUrl: string;
  readonly objectUrlTemplate: string;
}

export interface RenderedSearch {
  readonly text: string;
  /** Rows kept per section, in section order. */
  readonly shown: readonly number[];
  readonly truncated: boolean;
}

/**
 * Sections of search hits within one budget. Rows are taken round-robin (first row of every type, then the
 * second…) so one chatty type cannot crowd out the others; a section stops at its first row that no longer fits.
 */
export function renderSearch(sections: readonly SearchSection[], tail: readonly string[], budget: number): RenderedSearch {
  const heads = sections.map((s) => headLine(s, s.lines.length));
  const fixed = [...heads, ...sections.map((s) => s.header), ...tail];
  let used = fixed.reduce((n, line) => n + line.length + 1, 0) + 200;
  const shown = sections.map(() => 0);
  const open = sections.map((s) => s.lines.length > 0);
  for (let row = 0; open.some(Boolean); row++) {
    for (const [i, section] of sections.entries()) {
      if (!open[i]) continue;
      const line = section.lines[row];
      if (line === undefined || used + line.length + 1 > budget) {
        open[i] = false;
        continue;
      }
      used += line.length + 1;
      shown[i] = row + 1;
    }
  }
  // Should even the first row of every section overflow, keep the first section's first row clipped: never empty.
  if (sections.length > 0 && shown.every((n) => n === 0) && sections[0]!.lines.length > 0) {
    const first = fitLines(fixed, sections[0]!.lines, budget, 200);
    return assemble(sections, [first.kept.length, ...shown.slice(1)], tail, true, first.kept);
  }
  const truncated = sections.some((s, i) => shown[i]! < s.lines.length);
  return assemble(sections, shown, tail, truncated);
}

function assemble(sections: readonly SearchSection[], shown: readonly number[], tail: readonly string[], truncated: boolean, firstLines?: readonly string[]): RenderedSearch {
  const out: string[] = [];
  for (const [i, section] of sections.entries()) {
    const n = shown[i]!;
    out.push(headLine(section, n));
    if (n === 0) continue;
    out.push(section.header, ...(i === 0 && firstLines ? firstLines : section.lines.slice(0, n)));
  }
  if (truncated) out.push(`Some rows were cut to stay within the size budget; search fewer types, lower the limit or ask for fewer fields.`);
  out.push(...tail);
  return { text: out.join('\n'), shown, truncated };
}

function headLine(section: SearchSection, shown: number): string {
  const counted = shown === section.count ? `all ${section.count}` : `${shown} of ${section.count}`;
  return `${section.title}: ${counted} · list: ${section.listUrl} · object: ${section.objectUrlTemplate}`;
}
