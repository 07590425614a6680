import { execFile } from 'node:child_process';
import { app, dialog, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import { CLI_COMMAND_PATH, installCommandArgs, wasCancelled } from './electron/cli-command';
import { devToolsAllowed } from './electron/policy';
import { langOf } from './electron/prompts';

/** The application menu, in Spanish when the OS is, else English. DevTools only in unpackaged builds. */
const WORDS = {
  en: {
    file: 'File', edit: 'Edit', view: 'View', window: 'Window', help: 'Help', about: 'About Wolkvox Audit', data: 'Data folder',
    installCli: "Install 'wolkvox-audit' command",
    cliInstalled: `The wolkvox-audit command is installed in ${CLI_COMMAND_PATH}: scheduled jobs and the Terminal can run it.`,
    cliFailed: 'The wolkvox-audit command could not be installed.',
  },
  es: {
    file: 'Archivo', edit: 'Editar', view: 'Ver', window: 'Ventana', help: 'Ayuda', about: 'Acerca de Wolkvox Audit', data: 'Carpeta de datos',
    installCli: "Instalar el comando 'wolkvox-audit'",
    cliInstalled: `El comando wolkvox-audit está instalado en ${CLI_COMMAND_PATH}: las tareas programadas y la Terminal pueden usarlo.`,
    cliFailed: 'No se pudo instalar el comando wolkvox-audit.',
  },
};

export function buildMenu(getWindow: () => BrowserWindow | null, dataDir: string): Menu {
  const w = WORDS[langOf(app.getLocale())];
  const isMac = process.platform === 'darwin';
  const show = async (options: Electron.MessageBoxOptions) => {
    const win = getWindow();
    if (win) await dialog.showMessageBox(win, options);
    else await dialog.showMessageBox(options);
  };
  const about = () => show({ type: 'info', title: w.about, message: `Wolkvox Audit ${app.getVersion()}`, detail: `${w.data}: ${dataDir}` });
  // macOS, installed app only (in development the executable is Electron's): see electron/cli-command.ts.
  const installCli = () =>
    execFile('osascript', installCommandArgs(process.execPath), (error, _stdout, stderr) => {
      if (error && wasCancelled(stderr)) return;
      const options = error ? { type: 'error' as const, message: w.cliFailed, detail: stderr.trim().slice(0, 300) } : { type: 'info' as const, message: w.cliInstalled };
      void show(options);
    });
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
    {
      label: w.help,
      role: 'help',
      submenu: [{ label: w.about, click: () => void about() }, ...(isMac && app.isPackaged ? [{ label: w.installCli, click: installCli }] : [])],
    },
  ];
  return Menu.buildFromTemplate(template);
}
