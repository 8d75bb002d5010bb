/**
 * Deterministic Markdown like a NetBox assistant writes (paragraphs, tables, lists, code), so every run renders
 * the same amount of the same kinds of content.
 */

/** A small seeded generator (mulberry32): the same text on every run, without Math.random. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'the site rack device interface cable circuit prefix address vlan tenant role platform status active planned ' +
  'offline uplink spine leaf border firewall router switch patch panel power feed console port mgmt primary ' +
  'secondary allocated available utilisation capacity region location provider contract window change ticket ' +
  'owner team review audit inventory serial asset model manufacturer firmware upgrade maintenance redundant path'
).split(' ');
const SITES = ['chi-dc1', 'ams-dc2', 'fra-pop1', 'nyc-dc3', 'sin-pop2', 'lon-dc1'];
const ROLES = ['core router', 'access switch', 'firewall', 'leaf switch', 'spine switch', 'console server'];

type Random = () => number;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

function sentence(random: Random, words: number): string {
  const parts = Array.from({ length: words }, () => pick(random, WORDS));
  const text = parts.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function paragraph(random: Random, words: number): string {
  const sentences: string[] = [];
  let left = words;
  while (left > 0) {
    const n = Math.min(left, 8 + Math.floor(random() * 8));
    sentences.push(sentence(random, n));
    left -= n;
  }
  return sentences.join(' ');
}

function deviceTable(random: Random, rows: number): string {
  const lines = ['| Device | Site | Role | Status | Primary IP |', '| --- | --- | --- | --- | --- |'];
  for (let i = 0; i < rows; i += 1) {
    const site = pick(random, SITES);
    const n = 1 + Math.floor(random() * 40);
    lines.push(`| ${site}-sw${String(n).padStart(2, '0')} | ${site} | ${pick(random, ROLES)} | ${pick(random, ['active', 'planned', 'offline'])} | 10.${n}.${i}.1/24 |`);
  }
  return lines.join('\n');
}

function codeBlock(random: Random, lines: number): string {
  const body = Array.from({ length: lines }, (_, i) => `  - name: ${pick(random, SITES)}-${pick(random, WORDS)}-${i}\n    vid: ${100 + i}\n    status: ${pick(random, ['active', 'reserved'])}`);
  return ['```yaml', 'vlans:', ...body, '```'].join('\n');
}

function bulletList(random: Random, items: number): string {
  return Array.from({ length: items }, () => `- **${pick(random, SITES)}**: ${sentence(random, 6 + Math.floor(random() * 6))}`).join('\n');
}

/** A question as a user types it: plain text of about 100 words (the UI shows it as text, not Markdown). */
export function userMessage(random: Random): string {
  return `Can you check ${pick(random, SITES)} for me? ${paragraph(random, 90 + Math.floor(random() * 30))}`;
}

/** An answer of about 100–200 words: a paragraph, a table, a code block and a closing paragraph. */
export function assistantMessage(random: Random): string {
  return [
    paragraph(random, 40 + Math.floor(random() * 30)),
    deviceTable(random, 4),
    codeBlock(random, 2),
    paragraph(random, 20 + Math.floor(random() * 30)),
  ].join('\n\n');
}

/** The first words of the long answer: the page's watcher starts the clock when they appear. */
export const LONG_ANSWER_MARK = 'Benchmark-report-begins';

/** About `words` whitespace-separated words of Markdown: sections with headings, lists, tables and code. */
export function longAnswer(words: number, seed = 7): string {
  const random = seeded(seed);
  const parts = [`${LONG_ANSWER_MARK}: here is the full review of the sites you asked about.`];
  let count = countWords(parts[0]!);
  for (let section = 1; count < words; section += 1) {
    const blocks = [
      `## ${section}. ${pick(random, SITES)} ${pick(random, ['inventory', 'capacity', 'cabling', 'addressing', 'changes'])}`,
      paragraph(random, 60 + Math.floor(random() * 40)),
      bulletList(random, 4),
      deviceTable(random, 6),
      paragraph(random, 40 + Math.floor(random() * 30)),
      codeBlock(random, 3),
      `### Notes for section ${section}`,
      `1. ${sentence(random, 10)}\n2. ${sentence(random, 12)}\n3. ${sentence(random, 9)}`,
    ];
    for (const block of blocks) {
      if (count >= words) break;
      parts.push(block);
      count += countWords(block);
    }
  }
  return parts.join('\n\n');
}

export function countWords(text: string): number {
  return text.split(/\s+/).filter((word) => word.length > 0).length;
}
