/** Lower case, without accents, so "resume" finds "Résumé". */
function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** Items whose title has every word of the query, in any order; a blank query keeps everything. */
export function filterByTitle<T extends { readonly title: string }>(items: readonly T[], query: string): T[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...items];
  return items.filter((item) => {
    const title = fold(item.title);
    return words.every((word) => title.includes(word));
  });
}
