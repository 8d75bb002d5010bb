/** The keyboard shortcuts, as the user menu lists them; the chat core handles Escape (stop) itself. */
export interface ShortcutHelp {
  readonly keys: readonly string[];
  readonly label: string;
}

export const SHORTCUTS: readonly ShortcutHelp[] = [
  { keys: ['alt', 'N'], label: 'New chat' },
  { keys: ['/'], label: 'Focus the message box' },
  { keys: ['Esc'], label: 'Stop the answer being written' },
  { keys: ['Enter'], label: 'Send the message' },
  { keys: ['shift', 'Enter'], label: 'New line in the message' },
];
