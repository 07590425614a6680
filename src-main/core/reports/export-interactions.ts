import { writeExport, type CsvSeparator, type ExportResult } from '../export';
import type { InteractionFilter, SortSpec } from '../store/filter';
import type { Store } from '../store/store';
import type { ApiField } from '../wolkvox/fields';
import { exportLabels } from './export-labels';
import { cellsFor, interactionColumns, type ExportableRow, type HeaderStyle } from './interactions-sheet';

export interface InteractionExportRequest {
  filter: InteractionFilter;
  sort?: SortSpec;
  format: 'xlsx' | 'csv';
  headers: HeaderStyle;
  language?: 'en' | 'es';
  /** The interaction columns, in order (the grid's visible ones); absent: all 17 in the API's order. */
  columns?: readonly ApiField[];
  /** csv only: the field separator (a comma by default). */
  separator?: CsvSeparator;
  outPath: string;
  zone: string;
  signal?: AbortSignal;
  onProgress?: (p: { rows: number }) => void;
}

const BATCH = 500;

/** What an export reads of the cache: the selected rows, whole, in the grid's order. */
export type ExportSource = Pick<Store, 'exportWalk'>;

/** Batches of export cells from the store's walk (which lets the event loop serve other requests between batches). */
async function* batches(store: ExportSource, req: InteractionExportRequest): AsyncGenerator<Array<Record<string, unknown>>> {
  const cells: (row: ExportableRow) => Record<string, unknown> = cellsFor(req.headers, req.language);
  for await (const rows of store.exportWalk(req.filter, req.sort, BATCH)) yield rows.map(cells);
}

/** The first sheet's name: English for `--headers api` (scripts find it by name), else the export's language. */
export function interactionsSheetName(req: Pick<InteractionExportRequest, 'headers' | 'language'>): string {
  return exportLabels(req.headers === 'api' ? 'en' : req.language).sheets.interactions;
}

/** The selected interactions (same filters and sort as the grid) to an .xlsx or .csv file. */
export function exportInteractions(store: ExportSource, req: InteractionExportRequest): Promise<ExportResult> {
  return writeExport({
    outPath: req.outPath,
    format: req.format,
    zone: req.zone,
    signal: req.signal,
    onProgress: req.onProgress,
    csvSeparator: req.separator,
    sheets: [{ name: interactionsSheetName(req), columns: interactionColumns(req.headers, req.language, req.columns), rows: batches(store, req) }],
  });
}
