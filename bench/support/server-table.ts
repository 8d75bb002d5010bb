/** A plain text table: the first column left-aligned, the others right-aligned, widths from the content. */
export function table(title: string, header: readonly string[], rows: readonly (readonly string[])[], notes: readonly string[] = []): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [title, line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), ...notes.map((note) => `  ${note}`)].join('\n');
}
