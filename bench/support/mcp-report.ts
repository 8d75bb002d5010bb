import type { QuestionFigures } from './mcp-run-questions.ts';

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const tokens = (bytes: number) => int(bytes / 4);

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function ratio(r: QuestionFigures): number {
  return r.ourBytes / r.officialBytes;
}

const COLUMNS: readonly [string, number][] = [
  ['#', 2],
  ['question', 30],
  ['off calls', 9],
  ['off bytes', 11],
  ['off ~tok', 9],
  ['our calls', 9],
  ['(reqs)', 6],
  ['our bytes', 9],
  ['our ~tok', 8],
  ['shows', 8],
  ['ours/off', 8],
];

function line(cells: readonly string[]): string {
  return cells.map((cell, i) => (i === 1 ? cell.padEnd(COLUMNS[i]![1]) : cell.padStart(COLUMNS[i]![1]))).join('  ');
}

/** One scale's table: calls and bytes both ways, the ratio, then the median ratio and the call totals. */
export function questionsTable(title: string, rows: readonly QuestionFigures[]): string {
  const out = [title, line(COLUMNS.map(([name]) => name)), line(COLUMNS.map(([, w]) => '-'.repeat(w)))];
  for (const r of rows) {
    const flag = r.problems.length ? ' !' : '';
    out.push(
      line([
        String(r.question.id),
        r.question.label.slice(0, 30),
        int(r.officialCalls),
        int(r.officialBytes),
        tokens(r.officialBytes),
        `${r.ourCalls}`,
        `${r.ourRequests}`,
        int(r.ourBytes),
        tokens(r.ourBytes),
        r.ourShown,
        `${ratio(r).toFixed(3)}${flag}`,
      ]),
    );
  }
  const answered = rows.filter((r) => r.problems.length === 0);
  const sum = (f: (r: QuestionFigures) => number) => rows.reduce((s, r) => s + f(r), 0);
  out.push(
    `median bytes ratio (ours/official): ${median(answered.map(ratio)).toFixed(3)} over ${answered.length} fully answered questions` +
      ` (${median(rows.map(ratio)).toFixed(3)} over all ${rows.length})`,
  );
  out.push(
    `total calls: official ${int(sum((r) => r.officialCalls))}, ours ${int(sum((r) => r.ourCalls))} (${int(sum((r) => r.ourRequests))} NetBox requests made by our server); ` +
      `total bytes: official ${int(sum((r) => r.officialBytes))}, ours ${int(sum((r) => r.ourBytes))}`,
  );
  out.push('(reqs): NetBox requests our server made for those calls.');
  out.push('shows: how much of a list our answer shows: all, shown/total, or cut to the size budget (the rest is one more call);');
  out.push('       the official pattern pages through whole lists (Q10, Q14: the first page of each type).');
  out.push(`questions over 2 of our calls: ${rows.filter((r) => r.ourCalls > 2).length}`);
  for (const r of rows.filter((x) => x.problems.length)) out.push(`  ! ${r.question.id} ${r.question.label}: ${r.problems.join(' | ')}`);
  return out.join('\n');
}
