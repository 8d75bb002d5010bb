/**
 * Splits text into small pieces at word boundaries, as a model streams it, so clients see several deltas
 * even for a short answer. Joining the pieces gives the text back exactly.
 */
export function chunkText(text: string, wordsPerChunk = 2): string[] {
  const words = text.match(/\s*\S+\s*|\s+/g) ?? [];
  const chunks: string[] = [];
  for (let i = 0; i < words.length; i += wordsPerChunk) chunks.push(words.slice(i, i + wordsPerChunk).join(''));
  return chunks;
}

/** A tool input's JSON in a few partial pieces, as `input_json_delta` events carry it. */
export function chunkJson(json: string, pieces = 3): string[] {
  if (json.length === 0) return [];
  const size = Math.max(1, Math.ceil(json.length / pieces));
  const chunks: string[] = [];
  for (let i = 0; i < json.length; i += size) chunks.push(json.slice(i, i + size));
  return chunks;
}
