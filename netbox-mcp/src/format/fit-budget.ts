/**
 * Keeps whole lines while the text stays within the budget; a row is never cut in half. `reserve` is room
 * kept for the footer that says what was cut.
 */
export function fitLines(fixed: readonly string[], lines: readonly string[], budget: number, reserve = 300): { kept: string[]; dropped: number; clipped: boolean } {
  let used = fixed.reduce((n, line) => n + line.length + 1, 0) + reserve;
  const kept: string[] = [];
  for (const line of lines) {
    if (used + line.length + 1 > budget) {
      // A single row larger than the whole budget is clipped rather than dropped, so the answer is never empty.
      if (kept.length === 0) kept.push(`${line.slice(0, Math.max(0, budget - used))}…`);
      break;
    }
    used += line.length + 1;
    kept.push(line);
  }
  return { kept, dropped: lines.length - kept.length, clipped: kept.length === 1 && lines[0] !== kept[0] };
}
