import { createHash } from 'node:crypto';
import { Agent, request, type Dispatcher } from 'undici';
import { z } from 'zod';
import { ChatError } from '../chat/chat-error.ts';
import type { TokenKind } from '../store/index.ts';

export interface NetboxAuthOptions {
  /** NetBox's base URL, without `/api`. */
  readonly url: string;
  readonly timeoutMs: number;
  readonly verifyTls: boolean;
}

export interface NetboxUser {
  readonly username: string;
  readonly displayName?: string;
}

export interface ProvisionedToken {
  /** What NetBox wants after `Token ` / `Bearer `: `nbt_<key>.<secret>` (v2) or 40 characters (v1). */
  readonly token: string;
  readonly kind: TokenKind;
  /** NetBox's id for the token, so sign-out can delete it. */
  readonly id: number | null;
  readonly user: NetboxUser;
}

const UserSchema = z.looseObject({
  username: z.string().min(1),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
});

const ProvisionSchema = z.looseObject({
  id: z.number().int().optional(),
  key: z.string().optional(),
  token: z.string().min(1),
  version: z.number().int().optional(),
  user: UserSchema.optional(),
});

const DetailSchema = z.object({ detail: z.string() });

const V1_TOKEN = /^[A-Za-z0-9]{40}$/;
const V2_TOKEN = /^nbt_[A-Za-z0-9]+\.[A-Za-z0-9]+$/;

/** A token as users paste it (perhaps with its scheme word), or null when it has neither NetBox form. */
export function normalizeToken(input: string): { token: string; kind: TokenKind } | null {
  const bare = input.trim().replace(/^(?:Token|Bearer)\s+/i, '');
  if (V2_TOKEN.test(bare)) return { token: bare, kind: 'v2' };
  if (V1_TOKEN.test(bare)) return { token: bare, kind: 'v1' };
  return null;
}

export function authorizationFor(token: string): string {
  return token.startsWith('nbt_') ? `Bearer ${token}` : `Token ${token}`;
}

/**
 * The few NetBox calls sign-in needs: provision a token from a username and password, find whose a token is,
 * and delete a provisioned token at sign-out. Every failure becomes a ChatError whose message never quotes the
 * credentials or NetBox's raw body.
 */
export class NetboxAuth {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly dispatcher: Dispatcher;

  constructor(options: NetboxAuthOptions) {
    this.baseUrl = options.url.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs;
    this.dispatcher = new Agent({ connect: { rejectUnauthorized: options.verifyTls } });
  }

  /**
   * A new token that NetBox itself stops accepting at `expires` (shortly after the end of the sign-in), so one
   * the server could not delete does not outlive it. Write-enabled, as NetBox makes them by default: NetBox refuses to
   * delete a token through the API with a read-only one, and sign-out deletes it with itself. The chat never
   * writes (no tool does).
   */
  async provision(username: string, password: string, expires: Date): Promise<ProvisionedToken> {
    const { status, body } = await this.call('POST', '/api/users/tokens/provision/', {
      body: { username, password, description: 'NetBox Chatbox sign-in', expires: expires.toISOString(), write_enabled: true },
    });
    if (status === 401 || status === 403) throw new ChatError('UNAUTHORIZED', 'NetBox did not accept that username and password.');
    if (status === 404 || status === 405) {
      throw new ChatError('UNAUTHORIZED', 'This NetBox does not offer sign-in with a password (token provisioning). Sign in with a NetBox API token instead.');
    }
    if (status !== 200 && status !== 201) throw this.unexpected(status);
    const parsed = ProvisionSchema.safeParse(body);
    if (!parsed.success) throw new ChatError('NETBOX_UNREACHABLE', 'NetBox answered the sign-in with something this server cannot read.', true);
    const { key, token, version, id, user } = parsed.data;
    // NetBox 4.5+ v2 tokens are used as nbt_<key>.<secret>; the response carries the two parts.
    const full = key && (version === 2 || !V1_TOKEN.test(token)) ? `nbt_${key}.${token}` : token;
    const normalized = normalizeToken(full);
    if (!normalized) throw new ChatError('NETBOX_UNREACHABLE', 'NetBox answered the sign-in with a token in an unknown form.', true);
    // The provision answer names the user only briefly; the authentication check has the full name.
    const who = await this.whoAmI(normalized.token).catch((error: unknown) => {
      if (user) return toUser(user);
      throw error;
    });
    return { ...normalized, id: id ?? null, user: who };
  }

  /** The user a token belongs to; UNAUTHORIZED when NetBox refuses it. */
  async whoAmI(token: string): Promise<NetboxUser> {
    const headers = { authorization: authorizationFor(token) };
    const check = await this.call('GET', '/api/authentication-check/', { headers });
    if (check.status === 401 || check.status === 403) throw new ChatError('UNAUTHORIZED', 'NetBox did not accept that token.');
    if (check.status === 200) {
      const parsed = UserSchema.safeParse(check.body);
      if (parsed.success) return toUser(parsed.data);
    }
    if (check.status !== 404 && check.status !== 200) throw this.unexpected(check.status);
    // A NetBox without the authentication check: the token works if a read with it works.
    const status = await this.call('GET', '/api/dcim/sites/?limit=1&brief=1', { headers });
    if (status.status === 401 || status.status === 403) throw new ChatError('UNAUTHORIZED', 'NetBox did not accept that token.');
    if (status.status !== 200) throw this.unexpected(status.status);
    return { username: `token-${createHash('sha256').update(token).digest('hex').slice(0, 8)}` };
  }

  /**
   * Deletes a token this server provisioned, authenticated with the token itself. NetBox refuses (403) when the
   * user may not delete tokens (`users.delete_token`) or the token is already dead; the caller logs why.
   */
  async revoke(token: string, id: number): Promise<{ ok: true } | { ok: false; reason: string }> {
    let answer: { status: number; body: unknown };
    try {
      answer = await this.call('DELETE', `/api/users/tokens/${id}/`, { headers: { authorization: authorizationFor(token) } });
    } catch {
      return { ok: false, reason: 'NetBox could not be reached' };
    }
    // 404: gone already (deleted in NetBox's UI, or by another server process).
    if (answer.status === 204 || answer.status === 200 || answer.status === 404) return { ok: true };
    const detail = DetailSchema.safeParse(answer.body);
    return { ok: false, reason: `NetBox answered HTTP ${answer.status}${detail.success ? `: ${detail.data.detail.slice(0, 200)}` : ''}` };
  }

  /**
   * Whether NetBox still accepts a token at all, after a request with it was refused: `false` when the token
   * itself is refused (revoked, expired, disabled, NetBox reset), `true` when it works (the refusal was about
   * permissions), `undefined` when NetBox could not say.
   */
  async tokenWorks(token: string): Promise<boolean | undefined> {
    try {
      await this.whoAmI(token);
      return true;
    } catch (error) {
      return error instanceof ChatError && error.code === 'UNAUTHORIZED' ? false : undefined;
    }
  }

  close(): Promise<void> {
    return this.dispatcher.close();
  }

  private async call(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    options: { body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; body: unknown }> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    try {
      const response = await request(`${this.baseUrl}${path}`, {
        method,
        headers,
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
        dispatcher: this.dispatcher,
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const text = await response.body.text();
      let body: unknown = null;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        body = null;
      }
      return { status: response.statusCode, body };
    } catch {
      throw new ChatError('NETBOX_UNREACHABLE', `NetBox at ${this.baseUrl} could not be reached. Try again in a moment.`);
    }
  }

  private unexpected(status: number): ChatError {
    return new ChatError('NETBOX_UNREACHABLE', `NetBox answered the sign-in with HTTP ${status}. Try again in a moment.`, status >= 500);
  }
}

function toUser(user: z.infer<typeof UserSchema>): NetboxUser {
  const name = [user.first_name, user.last_name].filter(Boolean).join(' ').trim();
  return { username: user.username, ...(name ? { displayName: name } : {}) };
}
