/** NetBox 4.6 v2 tokens are `nbt_<key>.<token>`; v1 tokens are 40 characters. */
export const V2_PREFIX = 'nbt_';

export type ParsedToken = { version: 1; plaintext: string } | { version: 2; key: string; plaintext: string };

export function isV1Token(value: string): boolean {
  return /^[0-9a-zA-Z]{40}$/.test(value);
}

/** A `--token` argument or a configured token: a v1 40-character token or a v2 `nbt_<key>.<token>`. */
export function parseTokenString(value: string): ParsedToken | undefined {
  if (value.startsWith(V2_PREFIX)) {
    const body = value.slice(V2_PREFIX.length);
    const dot = body.indexOf('.');
    if (dot < 1 || dot === body.length - 1) return undefined;
    const key = body.slice(0, dot);
    const plaintext = body.slice(dot + 1);
    return /^[0-9a-zA-Z]+$/.test(key) && /^[0-9a-zA-Z]+$/.test(plaintext) ? { version: 2, key, plaintext } : undefined;
  }
  return isV1Token(value) ? { version: 1, plaintext: value } : undefined;
}
