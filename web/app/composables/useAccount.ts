import { ModeSchema, SessionUserSchema, SignInResponseSchema, type Mode, type SessionUser, type SignInBody } from '@netbox-chatbox/protocol';
import { computed, reactive, readonly } from 'vue';
import { z } from 'zod';
import { ApiError } from '~/utils/shell/api-error';
import { apiJson, apiRequest } from '~/utils/shell/api';
import { safeReturnPath, SIGN_IN_PATH, signInPath, type SessionState } from '~/utils/shell/auth-redirect';

const MeSchema = z.object({ user: SessionUserSchema, mode: ModeSchema });

interface AccountState {
  session: SessionState;
  user: SessionUser | null;
  mode: Mode | null;
}

// One account per tab: the app renders on the client only, so module state is the app's state.
const state = reactive<AccountState>({ session: { kind: 'unknown' }, user: null, mode: null });
let loading: Promise<SessionState> | null = null;
let loaded = false;

async function fetchMe(): Promise<SessionState> {
  try {
    const me = await apiJson(MeSchema, '/api/auth/me');
    Object.assign(state, { session: { kind: 'signed-in', mode: me.mode }, user: me.user, mode: me.mode });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      Object.assign(state, { session: { kind: 'signed-out' }, user: null, mode: 'multi-user' });
    } else {
      // The server is down or odd: do not send anyone to a sign-in page that may not exist; the socket shows it.
      state.session = { kind: 'unknown' };
    }
  }
  loaded = true;
  return state.session;
}

/** Who is signed in, the server's mode, sign-in and sign-out. */
export function useAccount() {
  /** The session as the server sees it; asked once, then kept until sign-in, sign-out or `refresh`. */
  function ensureLoaded(): Promise<SessionState> {
    if (loaded && state.session.kind !== 'unknown') return Promise.resolve(state.session);
    loading ??= fetchMe().finally(() => {
      loading = null;
    });
    return loading;
  }

  async function signIn(body: SignInBody): Promise<SessionUser> {
    const { user } = await apiJson(SignInResponseSchema, '/api/auth/sign-in', { method: 'POST', body: JSON.stringify(body) });
    Object.assign(state, { session: { kind: 'signed-in', mode: 'multi-user' }, user, mode: 'multi-user' });
    return user;
  }

  /** A full page load afterwards: it drops the socket, the open conversation and every cached list at once. */
  async function signOut(): Promise<void> {
    // A failure is thrown to the caller: the session may still be live, so nobody must think they signed out.
    await apiRequest('/api/auth/sign-out', { method: 'POST' });
    Object.assign(state, { session: { kind: 'signed-out' }, user: null });
    window.location.assign(SIGN_IN_PATH);
  }

  /**
   * The session ended under us (an API call answered 401, or NetBox stopped accepting the user's token:
   * `reason`): back to sign-in, then back here.
   */
  function sessionExpired(reason?: string): void {
    if (state.mode !== 'multi-user' && state.mode !== null) return;
    // Several calls may come for one ending (a 401 from a list refresh, the socket's error): the first sends the
    // user to sign in, and a later one only adds the reason if it has one.
    const already = state.session.kind === 'signed-out';
    if (already && !reason) return;
    Object.assign(state, { session: { kind: 'signed-out' }, user: null });
    const onSignIn = window.location.pathname === SIGN_IN_PATH;
    const here = onSignIn ? safeReturnPath(new URLSearchParams(window.location.search).get('redirect')) : window.location.pathname + window.location.search;
    void navigateTo(signInPath(here, reason), { replace: onSignIn });
  }

  return {
    state: readonly(state),
    user: computed(() => state.user),
    mode: computed(() => state.mode),
    /** Only multi-user mode has sign-in and sign-out. */
    hasSignIn: computed(() => state.mode === 'multi-user'),
    ensureLoaded,
    refresh: fetchMe,
    signIn,
    signOut,
    sessionExpired,
  };
}
