/**
 * NetBox's error bodies come in DRF's shapes: `{"detail": "…"}`, `{"field": ["msg", …]}`, a list of messages,
 * or an HTML page from a proxy. Reduce any of them to one line the model can read.
 */
export function describeErrorBody(body: string): string {
  const text = body.trim();
  if (!text) return '(empty body)';
  try {
    return summarize(JSON.parse(text) as unknown);
  } catch {
    const title = /<title>([^<]*)<\/title>/i.exec(text)?.[1];
    const plain = (title ?? text.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim();
    return plain.length > 300 ? `${plain.slice(0, 300)}…` : plain;
  }
}

function summarize(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(summarize).join('; ');
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.detail === 'string') return record.detail;
    return Object.entries(record)
      .map(([key, v]) => `${key}: ${summarize(v)}`)
      .join('; ');
  }
  return JSON.stringify(value);
}
