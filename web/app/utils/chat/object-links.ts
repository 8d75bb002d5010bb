import type { ComarkElement, ComarkNode, ComarkTree } from './markdown-safety.ts';

/**
 * NetBox objects named in an answer link to their page in NetBox. The tools say which names their results
 * showed (`links.names`: display name → UI URL); this links exact occurrences of those names in the answer's
 * text, after the safety pass, so the model need not write the links itself. It works on the parsed tree: text
 * stays text (a name like `<img …>` is escaped like any other), and only links we make are added.
 */

/** Display name → NetBox UI URL, as the tool results give them. */
export type NameUrls = Readonly<Record<string, string>>;

const MIN_NAME_CHARS = 3;

/**
 * The names worth linking from a turn's tool results: only to http(s) pages on the NetBox the session uses
 * (whatever a tool result says), never a short or all-digit name, and never a name two results give different
 * pages for.
 */
export function linkableNames(sources: Iterable<NameUrls | undefined>, netboxUrl: string | null | undefined): Map<string, string> {
  const origin = originOf(netboxUrl);
  const out = new Map<string, string>();
  if (!origin) return out;
  const ambiguous = new Set<string>();
  for (const source of sources) {
    if (!source) continue;
    for (const [rawName, rawUrl] of Object.entries(source)) {
      const name = typeof rawName === 'string' ? rawName.trim() : '';
      if (name.length < MIN_NAME_CHARS || /^\d+$/.test(name) || ambiguous.has(name)) continue;
      const url = netboxPage(rawUrl, origin);
      if (!url) continue;
      const seen = out.get(name);
      if (seen === undefined) out.set(name, url);
      else if (seen !== url) {
        out.delete(name);
        ambiguous.add(name);
      }
    }
  }
  return out;
}

function originOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

function netboxPage(value: unknown, origin: string): string | null {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value);
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== origin) return null;
    return url.href;
  } catch {
    return null;
  }
}

export interface NameMatcher {
  /** null: nothing to link. */
  readonly pattern: RegExp | null;
  readonly urls: ReadonlyMap<string, string>;
}

/** What continues a token: a name glued to one of these is part of a longer name, not that name. */
const WORD = String.raw`[\p{L}\p{N}\p{M}_-]`;

/**
 * One pattern for all names, longest first so that `chi-dc1-cr01` wins over `chi-dc1` at the same place, and
 * whole tokens only: not after or before a letter, digit, `-` or `_`, nor a `.` joined to one (`cr01.example`),
 * while a sentence's full stop after a name is fine.
 */
export function nameMatcher(urls: ReadonlyMap<string, string>): NameMatcher {
  if (urls.size === 0) return { pattern: null, urls };
  const names = [...urls.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
  const alternatives = names.map(escapeRegExp).join('|');
  const pattern = new RegExp(`(?<!${WORD})(?<!${WORD}\\.)(?:${alternatives})(?!${WORD})(?!\\.${WORD})`, 'gu');
  return { pattern, urls };
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

export interface LinkNamesOptions {
  /**
   * While the answer streams, a name at the very end may be the start of a longer one (`chi-dc1` of
   * `chi-dc1-cr01`): it is linked once the text goes on, so a link does not come and go.
   */
  readonly holdTail?: boolean;
}

/** Elements whose text is never linked: code, and what already is a link. */
const UNLINKED = new Set(['a', 'code', 'pre']);

/** The tree with the names linked; the tree it is given is left as it was (the parser may hand it back). */
export function linkObjectNames(tree: ComarkTree, matcher: NameMatcher, options: LinkNamesOptions = {}): ComarkTree {
  const pattern = matcher.pattern;
  if (!pattern) return tree;
  // Texts are counted in document order, those in code and links too, to know which one is the very last.
  const last = options.holdTail ? countTexts(tree.nodes) - 1 : -1;
  let seen = 0;
  const walk = (nodes: readonly ComarkNode[]): ComarkNode[] => {
    const out: ComarkNode[] = [];
    for (const node of nodes) {
      if (typeof node === 'string') {
        out.push(...linkText(node, pattern, matcher.urls, seen++ === last));
      } else if (!Array.isArray(node)) {
        out.push(node);
      } else {
        const [tag, attributes, ...children] = node;
        if (typeof tag === 'string' && !UNLINKED.has(tag.toLowerCase()) && attributes?.key !== 'stream-caret') {
          out.push([tag, attributes, ...walk(children)] as ComarkElement);
        } else {
          seen += countTexts(children);
          out.push(node);
        }
      }
    }
    return out;
  };
  return { ...tree, nodes: walk(tree.nodes) };
}

function linkText(text: string, pattern: RegExp, urls: ReadonlyMap<string, string>, isTail: boolean): ComarkNode[] {
  const out: ComarkNode[] = [];
  let from = 0;
  for (const match of text.matchAll(pattern)) {
    const name = match[0];
    const url = urls.get(name);
    const end = match.index + name.length;
    if (!url || (isTail && end === text.length)) continue;
    if (match.index > from) out.push(text.slice(from, match.index));
    out.push(['a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, name]);
    from = end;
  }
  if (from === 0) return [text];
  if (from < text.length) out.push(text.slice(from));
  return out;
}

function countTexts(nodes: readonly ComarkNode[]): number {
  let count = 0;
  for (const node of nodes) {
    if (typeof node === 'string') count++;
    else if (Array.isArray(node)) count += countTexts(node.slice(2) as ComarkNode[]);
  }
  return count;
}
