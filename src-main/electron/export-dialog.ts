import { extname, join } from 'node:path';
import { langOf } from './prompts';

/**
 * The native save dialog of an export: the service suggests a name, the main process asks where, and only
 * the path the user chose there is written. The renderer names no path in the desktop app.
 */
export type ExportFormat = 'xlsx' | 'csv';

/** Electron's SaveDialogOptions, as far as the app uses them. */
export interface SaveDialogPlan {
  title: string;
  defaultPath: string;
  buttonLabel: string;
  filters: { name: string; extensions: string[] }[];
  properties: ('createDirectory' | 'showOverwriteConfirmation')[];
}

export function saveDialogOptions(options: { downloadsDir: string; name: string; format: ExportFormat; locale: string }): SaveDialogPlan {
  const es = langOf(options.locale) === 'es';
  const filter =
    options.format === 'xlsx'
      ? { name: es ? 'Libro de Excel' : 'Excel workbook', extensions: ['xlsx'] }
      : { name: es ? 'CSV (valores separados por comas)' : 'CSV (comma-separated values)', extensions: ['csv'] };
  return {
    title: es ? 'Guardar la exportación' : 'Save the export',
    defaultPath: join(options.downloadsDir, options.name),
    buttonLabel: es ? 'Guardar' : 'Save',
    filters: [filter],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
}

/**
 * The path to write from the dialog's answer, or null when it was cancelled. Some Linux dialogs return a
 * typed name without the filter's extension: it is added, so the file opens in Excel.
 */
export function chosenExportPath(answer: { canceled: boolean; filePath?: string | undefined }, format: ExportFormat): string | null {
  if (answer.canceled || !answer.filePath) return null;
  return extname(answer.filePath).toLowerCase() === `.${format}` ? answer.filePath : `${answer.filePath}.${format}`;
}
