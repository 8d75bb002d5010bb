import { authRedirect } from '~/utils/shell/auth-redirect';

/**
 * Multi-user mode: nobody reaches the chat without a session; the sign-in page sends them back where they were
 * going. Demo and single-user modes have no sign-in: /api/auth/me answers with the local user there.
 */
export default defineNuxtRouteMiddleware(async (to) => {
  const session = await useAccount().ensureLoaded();
  const target = authRedirect(to, session);
  if (target && target !== to.fullPath) return navigateTo(target, { replace: true });
});
