/**
 * An answer's Markdown cut into blocks that parse the same on their own as inside the whole text, so a streamed
 * answer re-parses and re-renders only its last, still growing block: parsing the whole answer again for every
 * chunk costs time in the square of its length, and a 5,000-word answer then freezes the page.
 *
 * A cut goes only where CommonMark itself ends every block: at blank lines outside a code fence, before a line
 * that starts at the margin and cannot continue what came before (not indented, which could be a list item's
 * or an indented code block's next part; not a list item, which could belong to a loose list; not a quote,
 * a table row or a footnote). A text with link reference definitions or Comark block components is not cut.
 */

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** Link reference definitions reach across blocks, and Comark's `::component` blocks may hold blank lines. */
const NOT_CUT = /^ {0,3}(\[[^\]\n]+\]:|::)/m;
/** Lines a block may start with: anything but a space or tab, a list marker, a quote, a table row or a footnote. */
const FRESH_START = /^[^\s\-*+\d>|[]/;

export interface MarkdownBlocks {
  /** Blocks that will not change any more, each without the blank lines that separated it. */
  readonly done: readonly string[];
  /** The last block while the text is still written, which may yet change; null once the text is complete. */
  readonly tail: string | null;
}

/** `text` in blocks; `streaming`: more text may follow, so the last block is the tail. */
export function markdownBlocks(text: string, streaming: boolean): MarkdownBlocks {
  const blocks = NOT_CUT.test(text) ? [text] : cut(text);
  if (!streaming) return { done: blocks.filter((b) => b !== ''), tail: null };
  return { done: blocks.slice(0, -1), tail: blocks.at(-1) ?? '' };
}

function cut(text: string): string[] {
  const lines = text.split('\n');
  const blocks: string[] = [];
  let start = 0;
  let fence: string | null = null;
  let blank = false;
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    if (fence !== null) {
      const close = FENCE.exec(line);
      if (close && close[1]![0] === fence[0] && close[1]!.length >= fence.length && line.trim() === close[0].trim()) fence = null;
      continue;
    }
    if (line.trim() === '') {
      blank = true;
      continue;
    }
    // Only the first character decides, so a line still being written is judged as it will be once whole.
    if (blank && i > start && FRESH_START.test(line)) {
      blocks.push(lines.slice(start, i).join('\n').trimEnd());
      start = i;
    }
    blank = false;
    const open = FENCE.exec(line);
    if (open) fence = open[1]!;
  }
  blocks.push(lines.slice(start).join('\n').trimEnd());
  return blocks;
}
