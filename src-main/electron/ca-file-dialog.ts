import { langOf } from './prompts';

/**
 * The native open dialog of a team cache's CA file (Settings → Team cache): the main process asks, and
 * only the file the user picked there is kept. The renderer names no path in the desktop app.
 */

/** Electron's OpenDialogOptions, as far as the app uses them. */
export interface OpenDialogPlan {
  title: string;
  buttonLabel: string;
  filters: { name: string; extensions: string[] }[];
  properties: ('openFile' | 'dontAddToRecent')[];
}

export function caFileDialogOptions(locale: string): OpenDialogPlan {
  const es = langOf(locale) === 'es';
  return {
    title: es ? 'Elegir el archivo de CA de la caché compartida' : "Choose the team cache's CA file",
    buttonLabel: es ? 'Elegir' : 'Choose',
    filters: [
      { name: es ? 'Certificados (PEM)' : 'Certificates (PEM)', extensions: ['pem', 'crt', 'cer'] },
      { name: es ? 'Todos los archivos' : 'All files', extensions: ['*'] },
    ],
    // One file; a certificate is no document the user needs in their recent list.
    properties: ['openFile', 'dontAddToRecent'],
  };
}

/** The file picked, or null when the dialog was closed (Electron's OpenDialogReturnValue). */
export function chosenFile(result: { canceled: boolean; filePaths: string[] }): string | null {
  return result.canceled ? null : (result.filePaths[0] ?? null);
}
