// What `import ... from 'electron'` gives the built main process under the harness (loader-hooks.mjs points
// 'electron' here). The objects are made by test/harness/standin/index.ts, before the main entry is imported.
// What it proves and what it cannot: the header of test/harness/standin/index.ts.
const electron = globalThis[Symbol.for('wolkvox.harness.electron')];
if (!electron) throw new Error('stand-in electron: loaded outside the harness (start it with test/harness/main-process.ts)');

export const app = electron.app;
export const autoUpdater = electron.autoUpdater;
export const BaseWindow = electron.BaseWindow;
export const BrowserView = electron.BrowserView;
export const BrowserWindow = electron.BrowserWindow;
export const clipboard = electron.clipboard;
export const contentTracing = electron.contentTracing;
export const crashReporter = electron.crashReporter;
export const desktopCapturer = electron.desktopCapturer;
export const dialog = electron.dialog;
export const globalShortcut = electron.globalShortcut;
export const ImageView = electron.ImageView;
export const inAppPurchase = electron.inAppPurchase;
export const ipcMain = electron.ipcMain;
export const Menu = electron.Menu;
export const MenuItem = electron.MenuItem;
export const MessageChannelMain = electron.MessageChannelMain;
export const MessagePortMain = electron.MessagePortMain;
export const nativeImage = electron.nativeImage;
export const nativeTheme = electron.nativeTheme;
export const net = electron.net;
export const netLog = electron.netLog;
export const Notification = electron.Notification;
export const powerMonitor = electron.powerMonitor;
export const powerSaveBlocker = electron.powerSaveBlocker;
export const protocol = electron.protocol;
export const pushNotifications = electron.pushNotifications;
export const safeStorage = electron.safeStorage;
export const screen = electron.screen;
export const session = electron.session;
export const ShareMenu = electron.ShareMenu;
export const shell = electron.shell;
export const systemPreferences = electron.systemPreferences;
export const TouchBar = electron.TouchBar;
export const Tray = electron.Tray;
export const utilityProcess = electron.utilityProcess;
export const View = electron.View;
export const webContents = electron.webContents;
export const WebContentsView = electron.WebContentsView;
export const webFrameMain = electron.webFrameMain;
export default electron;
