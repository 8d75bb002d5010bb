/**
 * Wire-level constants both ends agree on. The server may lower the message limit by configuration, never raise
 * it past these: a longer message could not fit in one frame.
 */

/** Bumped on any change an older client could misread; sent in `connected`. */
export const PROTOCOL_VERSION = 1;

/** The WebSocket path. */
export const CHAT_SOCKET_PATH = '/ws/chat';

/**
 * Largest client frame, in UTF-8 bytes. A message at MAX_MESSAGE_CHARS needs at most 3 bytes per UTF-16 unit
 * (48,000) plus JSON quoting, so it fits.
 */
export const MAX_FRAME_BYTES = 64 * 1024;

/** Longest message a user may send, in UTF-16 code units: what a browser's `maxlength` counts. */
export const MAX_MESSAGE_CHARS = 16_000;

/** Longest conversation title. */
export const MAX_TITLE_CHARS = 200;

/** Longest id a client may send (conversation, client message). */
export const MAX_ID_CHARS = 100;
