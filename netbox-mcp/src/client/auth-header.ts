/**
 * NetBox 4.5+ v2 tokens (`nbt_<key>.<secret>`) go as `Bearer`, v1 40-hex tokens as `Token`.
 * A value that already names its scheme is sent as it is.
 */
export function authorizationHeader(token: string): string {
  const trimmed = token.trim();
  if (/^(Token|Bearer) \S+$/.test(trimmed)) return trimmed;
  return trimmed.startsWith('nbt_') ? `Bearer ${trimmed}` : `Token ${trimmed}`;
}
