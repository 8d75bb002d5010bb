import { NETBOX_EXPIRED_REASON } from '~/utils/shell/auth-redirect';

let watching = false;

/**
 * The server ended the sign-in because NetBox no longer accepts the user's token (a turn ended with
 * NETBOX_SIGN_IN_EXPIRED): off to sign in again, saying why, and back to this conversation afterwards. Watched
 * once for the page, from the chat layout (the sign-in page opens no socket).
 */
export function useNetboxSignInExpiry(): void {
  if (watching || typeof window === 'undefined') return;
  watching = true;
  useChatSocket().onEvent((event) => {
    if (event.type === 'error' && event.code === 'NETBOX_SIGN_IN_EXPIRED') useAccount().sessionExpired(NETBOX_EXPIRED_REASON);
  });
}
