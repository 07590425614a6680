import { isAppPageUrl } from './urls';

/**
 * Whether an IPC call comes from the app: the sender is the app window's own web contents, the frame is
 * that window's main frame (not an iframe), and the frame shows the app's page. Electron hands over
 * objects; identity is all that is compared, so plain objects stand in for them in tests.
 */
export interface SenderFacts {
  sender: unknown;
  /**
   * Electron's event.senderFrame: null when the frame has navigated away or been destroyed. `parent` is
   * null for a top frame (WebFrameMain.parent), undefined where the stand-in does not say.
   */
  senderFrame: { url: string; parent?: unknown } | null | undefined;
}

export interface WindowFacts {
  destroyed: boolean;
  webContents: unknown;
  mainFrame: unknown;
}

export function isTrustedSender(event: SenderFacts, window: WindowFacts | null, devServerUrl: string | undefined): boolean {
  if (!window || window.destroyed) return false;
  if (event.sender !== window.webContents) return false;
  const frame = event.senderFrame;
  if (!frame) return false;
  // The main frame: the very object webContents.mainFrame gives, or, should Electron ever hand out another
  // wrapper for it, a frame of this web contents without a parent (documented: null only for the top frame).
  if (frame !== window.mainFrame && frame.parent !== null) return false;
  return typeof frame.url === 'string' && isAppPageUrl(frame.url, devServerUrl);
}
