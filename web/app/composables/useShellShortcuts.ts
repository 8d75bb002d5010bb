import { nextTick } from 'vue';

/** The message box the chat core renders; "/" and a new chat put the cursor there. */
export function focusChatInput(): boolean {
  const input = document.querySelector<HTMLElement>('[data-testid="chat-input"]');
  if (!input) return false;
  input.focus();
  return true;
}

/**
 * App-wide shortcuts of the shell: Alt+N starts a new chat (also while typing: it types nothing useful), "/"
 * focuses the message box unless the user is typing somewhere already. Escape (stop) belongs to the chat core.
 */
export function useShellShortcuts(): void {
  defineShortcuts({
    alt_n: {
      usingInput: true,
      handler: async () => {
        await navigateTo('/');
        await nextTick();
        focusChatInput();
      },
    },
    '/': () => {
      focusChatInput();
    },
  });
}
