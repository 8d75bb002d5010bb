/**
 * The first block of `a | b | c` lines in a NetBox MCP result (header row first), as a Markdown table, so a
 * scripted answer looks like what a model writes from a compact result. '' when the text has no table.
 */
export function markdownTable(text: string): string {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.includes(' | '));
  if (start < 0) return '';
  const rows: string[][] = [];
  for (const line of lines.slice(start)) {
    if (!line.includes(' | ')) break;
    rows.push(line.split(' | ').map((cell) => cell.trim()));
  }
  const [header, ...body] = rows;
  if (!header) return '';
  const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [row(header), row(header.map(() => '---')), ...body.map(row)].join('\n');
}
