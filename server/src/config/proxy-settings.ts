import { isIP } from 'node:net';

/**
 * PUBLIC_URL and TRUST_PROXY as they arrive, checked and normalized; the problems complete a sentence that starts
 * with the variable's name.
 */

/** The origin of PUBLIC_URL (`https://chat.example.com`), or what is wrong with it. */
export function parsePublicUrl(text: string): string | { problem: string } {
  const got = `(got ${JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text)})`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { problem: `must be the address users open the chat at, e.g. https://chat.example.com ${got}` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { problem: `must start with https:// or http:// ${got}` };
  if (url.username || url.password) return { problem: `must not contain a user name or password ${got}` };
  if (url.pathname !== '/' || url.search || url.hash) {
    return { problem: `must be scheme, host and optional port only: the chat is served at the root of its host, e.g. https://chat.example.com ${got}` };
  }
  return url.origin;
}

/** proxy-addr's names for address ranges, which Fastify's trustProxy accepts besides addresses and subnets. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

export type TrustProxy = boolean | string[];

/**
 * TRUST_PROXY in the forms Fastify's `trustProxy` takes: `true` (trust every hop: only when nothing but the
 * proxy can reach the port) or a comma-separated list of proxy addresses and subnets. Not a hop count: Fastify 5
 * ignores those, as they cannot tell the proxy from a client that reaches the port directly and forges the
 * headers.
 */
export function parseTrustProxy(text: string): { value: TrustProxy } | { problem: string } {
  const value = text.trim();
  const lower = value.toLowerCase();
  if (['true', 'yes', 'on'].includes(lower)) return { value: true };
  if (['false', 'no', 'off'].includes(lower)) return { value: false };
  if (/^\d+$/.test(value)) {
    return {
      problem:
        `must name the proxies' addresses or subnets (e.g. 10.0.0.5 or 10.0.1.0/24), not a hop count (got ${JSON.stringify(value)}): ` +
        'a count cannot tell the proxy from a client that reaches the port directly and forges X-Forwarded-For',
    };
  }
  const entries = value.split(',').map((part) => part.trim()).filter(Boolean);
  const bad = entries.filter((entry) => !isAddressOrSubnet(entry));
  if (entries.length === 0 || bad.length > 0) {
    return {
      problem:
        `must be true, false, or a comma-separated list of the proxies' addresses or subnets ` +
        `(e.g. 10.0.0.5,10.0.1.0/24, or loopback); ${bad.length > 0 ? `not an address: ${bad.map((entry) => JSON.stringify(entry)).join(', ')}` : 'it is empty'}`,
    };
  }
  return { value: entries };
}

function isAddressOrSubnet(entry: string): boolean {
  if (NAMED_RANGES.has(entry.toLowerCase())) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}
