import { basename, extname, join } from 'node:path';
import { langOf, type MessageBox } from './prompts';

/**
 * The native save dialog of an export or a chart's picture: the service suggests a name, the main process
 * asks where, and only the path the user chose there is written. The renderer names no path in the desktop app.
 */
export type ExportFormat = 'xlsx' | 'csv' | 'png' | 'json';

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
  const filters: Record<ExportFormat, { name: string; extensions: string[] }> = {
    xlsx: { name: es ? 'Libro de Excel' : 'Excel workbook', extensions: ['xlsx'] },
    csv: { name: es ? 'CSV (valores separados por comas)' : 'CSV (comma-separated values)', extensions: ['csv'] },
    png: { name: es ? 'Imagen PNG' : 'PNG image', extensions: ['png'] },
    json: { name: es ? 'Archivo de formulario de calidad (JSON)' : 'Scorecard file (JSON)', extensions: ['json'] },
  };
  const titles: Record<ExportFormat, string> = {
    xlsx: es ? 'Guardar la exportación' : 'Save the export',
    csv: es ? 'Guardar la exportación' : 'Save the export',
    png: es ? 'Guardar el gráfico' : 'Save the chart',
    json: es ? 'Guardar el formulario de calidad' : 'Save the scorecard',
  };
  return {
    title: titles[options.format],
    // Only a name: a separator in it (either kind, on any OS) never points the dialog out of the folder.
    defaultPath: join(options.downloadsDir, basename(options.name.replace(/\\/g, '/'))),
    buttonLabel: es ? 'Guardar' : 'Save',
    filters: [filters[options.format]],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
}

/**
 * The path to write from the dialog's answer, or null when it was cancelled. Some Linux dialogs return a
 * typed name without the filter's extension: it is added, so the file opens in Excel or an image viewer.
 */
export function chosenExportPath(answer: { canceled: boolean; filePath?: string | undefined }, format: ExportFormat): string | null {
  if (answer.canceled || !answer.filePath) return null;
  return extname(answer.filePath).toLowerCase() === `.${format}` ? answer.filePath : `${answer.filePath}.${format}`;
}

/** What askSavePath needs of Electron and the disk (passed in: tests drive it with the dialog's real options). */
export interface SaveDialogDeps {
  showSaveDialog(options: SaveDialogPlan): Promise<{ canceled: boolean; filePath?: string | undefined }>;
  /** True when the user chose to replace (the box's first button). */
  confirm(box: MessageBox): Promise<boolean>;
  exists(path: string): boolean;
}

/**
 * The path to write, or null when the user cancelled. The dialog confirms replacing only the name it
 * returns; when the extension is added after it (chosenExportPath), that is another file the dialog never
 * asked about. If it exists, the user is asked here, before anything is written, and a "no" opens the
 * dialog again on that name.
 */
export async function askSavePath(deps: SaveDialogDeps, plan: SaveDialogPlan, format: ExportFormat, locale: string): Promise<string | null> {
  let options = plan;
  for (;;) {
    const answer = await deps.showSaveDialog(options);
    const path = chosenExportPath(answer, format);
    if (path === null || path === answer.filePath || !deps.exists(path)) return path;
    if (await deps.confirm(replacePrompt(path, locale))) return path;
    options = { ...options, defaultPath: path };
  }
}

/** "audit.xlsx already exists. Replace it?", as the system dialogs ask it. */
export function replacePrompt(path: string, locale: string): MessageBox {
  const es = langOf(locale) === 'es';
  const name = basename(path);
  return {
    type: 'warning',
    title: es ? 'Reemplazar el archivo' : 'Replace the file',
    message: es ? `«${name}» ya existe. ¿Quiere reemplazarlo?` : `"${name}" already exists. Do you want to replace it?`,
    detail: es ? `Está en ${path}. Su contenido se perderá.` : `It is in ${path}. What it holds will be lost.`,
    buttons: es ? ['Reemplazar', 'Cancelar'] : ['Replace', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  };
}
