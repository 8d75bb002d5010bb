/** One server-sent event as a client parses it. */
export interface ParsedEvent {
  readonly event: string;
  readonly data: Record<string, unknown>;
}

/** Parses an SSE body (`event:` / `data:` lines, blank-line separated), the way Anthropic clients do. */
export function parseSse(body: string): ParsedEvent[] {
  return body
    .split('\n\n')
    .filter((frame) => frame.trim() !== '')
    .map((frame) => {
      const lines = frame.split('\n');
      const event = lines.find((l) => l.startsWith('event: '))?.slice(7) ?? 'message';
      const data = lines
        .filter((l) => l.startsWith('data: '))
        .map((l) => l.slice(6))
        .join('\n');
      return { event, data: JSON.parse(data) as Record<string, unknown> };
    });
}

/** Reads a streamed response chunk by chunk, noting when each piece arrived, until the end or a reset. */
export async function readStream(response: Response): Promise<{ text: string; pieces: { at: number; text: string }[]; error?: Error }> {
  const pieces: { at: number; text: string }[] = [];
  const decoder = new TextDecoder();
  const start = performance.now();
  let text = '';
  if (!response.body) return { text, pieces };
  try {
    for await (const chunk of response.body) {
      const piece = decoder.decode(chunk, { stream: true });
      text += piece;
      pieces.push({ at: performance.now() - start, text: piece });
    }
    return { text, pieces };
  } catch (error) {
    return { text, pieces, error: error as Error };
  }
}
