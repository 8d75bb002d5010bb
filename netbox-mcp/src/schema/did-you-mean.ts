import { distance } from 'fastest-levenshtein';

/**
 * The closest few candidates to a mistyped name; substrings count as close ("sites" → "site"), and a name
 * that begins with what was typed counts as closest ("ipam.ipad" → "ipam.ipaddress").
 */
export function closest(input: string, candidates: Iterable<string>, max = 3): string[] {
  const needle = input.toLowerCase();
  const scored: { name: string; score: number }[] = [];
  for (const name of candidates) {
    const hay = name.toLowerCase();
    const contains = hay.includes(needle) || needle.includes(hay);
    const begins = needle.length >= 2 && hay.startsWith(needle);
    const score = distance(needle, hay) - (contains ? Math.min(needle.length, hay.length) / 2 : 0) - (begins ? needle.length : 0);
    if (score <= Math.max(2, needle.length / 2)) scored.push({ name, score });
  }
  return scored
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
    .slice(0, max)
    .map((s) => s.name);
}

export function didYouMean(input: string, candidates: Iterable<string>): string {
  const names = closest(input, candidates);
  return names.length ? ` Did you mean ${names.map((n) => `'${n}'`).join(' or ')}?` : '';
}
