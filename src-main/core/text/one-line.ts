/**
 * Text from the server (or any outside source) made safe for one line of a terminal, a log or a stored
 * message: control characters that move the cursor or change a terminal's state (C0 and C1 controls with
 * ESC and CSI, so OSC clipboard writes, window titles and screen clears), DEL, line and paragraph
 * separators and bidirectional overrides become a space, and the length is bounded.
 */
const CONTROL_RUN_RE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g;
/** The same characters one by one, a line break and a tab excepted (for lines that are meant to have them). */
const CONTROL_CHAR_RE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** At most this much of the server's own wording is kept or shown (an error's message, its `msg`). */
export const SERVER_TEXT_MAX = 300;
/** A whole message: our words around at most SERVER_TEXT_MAX characters of the server's. */
export const MESSAGE_MAX = 600;

export function oneLine(text: string, max: number): string {
  // Only the start is read: a 5 MB message costs no more than a short one.
  const clean = text.slice(0, max * 4).replace(CONTROL_RUN_RE, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** Lines of our own (usage, JSON) with any control character from the data inside them made inert. */
export function terminalSafe(text: string): string {
  return text.replace(CONTROL_CHAR_RE, ' ');
}
