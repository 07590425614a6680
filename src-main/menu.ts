import { app, dialog, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import { devToolsAllowed } from './electron/policy';
import { langOf } from './electron/prompts';

/** The application menu, in Spanish when the OS is, else English. DevTools only in unpackaged builds. */
const WORDS = {
  en: { file: 'File', edit: 'Edit', view: 'View', window: 'Window', help: 'Help', about: 'About Wolkvox Audit', data: 'Data folder' },
  es: { file: 'Archivo', edit: 'Editar', view: 'Ver', window: 'Ventana', help: 'Ayuda', about: 'Acerca de Wolkvox Audit', data: 'Carpeta de datos' },
};

export function buildMenu(getWindow: () => BrowserWindow | null, dataDir: string): Menu {
  const w = WORDS[langOf(app.getLocale())];
  const isMac = process.platform === 'darwin';
  const about = async () => {
    const win = getWindow();
    const options = { type: 'info' as const, title: w.about, message: `Wolkvox Audit ${app.getVersion()}`, detail: `${w.data}: ${dataDir}` };
    if (win) await dialog.showMessageBox(win, options);
    else await dialog.showMessageBox(options);
  };
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    { label: w.file, submenu: [isMac ? { role: 'close' } : { role: 'quit' }] },
    {
      label: w.edit,
      submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
    },
    {
      label: w.view,
      submenu: [
        { role: 'reload' },
        ...(devToolsAllowed(app.isPackaged) ? [{ role: 'toggleDevTools' as const }] : []),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { label: w.window, submenu: [{ role: 'minimize' }, ...(isMac ? [{ role: 'zoom' as const }, { role: 'front' as const }] : [{ role: 'close' as const }])] },
    { label: w.help, role: 'help', submenu: [{ label: w.about, click: () => void about() }] },
  ];
  return Menu.buildFromTemplate(template);
}
