import type { FastifyRequest } from 'fastify';

/**
 * Whether a browser request may act on this server: its Origin is the server's own (the host the request was
 * sent to, which the host allow-list has checked; behind a trusted proxy, X-Forwarded-Host) or one of `allowed`
 * (PUBLIC_URL and CORS_ORIGINS). A request without an Origin header comes from no browser page (curl,
 * wscat, a script), so no other site can have caused it; it still needs the session cookie where there is
 * sign-in. `Origin: null` (sandboxed frames, file://) is refused.
 */
export function isAllowedOrigin(request: FastifyRequest, allowed: readonly string[]): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  if (allowed.includes(parsed.origin)) return true;
  const host = request.host;
  return host !== '' && parsed.host.toLowerCase() === host.toLowerCase();
}

/** The origins whose pages may act on the server besides its own host: PUBLIC_URL's and CORS_ORIGINS. */
export function pageOrigins(publicUrl: string | undefined, corsOrigins: readonly string[]): readonly string[] {
  return publicUrl ? [publicUrl, ...corsOrigins] : corsOrigins;
}
