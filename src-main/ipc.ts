import { ipcMain, type BrowserWindow } from 'electron';
import type { Dispatch } from './bridge/dispatch';
import type { AppService } from './core/service/types';
import { isTrustedSender } from './electron/sender';

/**
 * The only file that touches ipcMain. One invoke channel carries every call of the contract, accepted
 * only from the app window's own top frame showing the app's own page (isTrustedSender, as VS Code does);
 * arguments are validated by the dispatcher. Events go to that window only.
 */
export const CALL_CHANNEL = 'wolkvox:call';
export const EVENT_CHANNEL = 'wolkvox:event';

const refused = { ok: false, error: { kind: 'bad-input', message: 'Refused: the call did not come from the app window.' } } as const;

export function registerIpc(win: BrowserWindow, dispatch: Dispatch, service: AppService, devServerUrl: string | undefined): () => void {
  const facts = () => (win.isDestroyed() ? null : { destroyed: false, webContents: win.webContents, mainFrame: win.webContents.mainFrame });

  ipcMain.handle(CALL_CHANNEL, async (event, channel: unknown, args: unknown) => {
    if (!isTrustedSender(event, facts(), devServerUrl)) return refused;
    if (typeof channel !== 'string') return { ok: false, error: { kind: 'bad-input', message: 'The operation name must be text.' } };
    return dispatch(channel, args);
  });

  const unsubscribe = service.subscribe((event, payload) => {
    if (!win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, event, payload);
  });

  return () => {
    ipcMain.removeHandler(CALL_CHANNEL);
    unsubscribe();
  };
}
