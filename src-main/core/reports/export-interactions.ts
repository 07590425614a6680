import { writeExport, type ExportResult } from '../export';
import type { InteractionFilter, SortSpec } from '../store/filters';
import type { Store } from '../store/store';
import { interactionCells, interactionColumns, type HeaderStyle } from './interactions-sheet';

export interface InteractionExportRequest {
  filter: InteractionFilter;
  sort?: SortSpec;
  format: 'xlsx' | 'csv';
  headers: HeaderStyle;
  language?: 'en' | 'es';
  outPath: string;
  zone: string;
  signal?: AbortSignal;
  onProgress?: (p: { rows: number }) => void;
}

const BATCH = 500;

/** What an export reads of the cache: the selected rows, whole, in the grid's order. */
export type ExportSource = Pick<Store, 'exportWalk'>;

/** Batches of export cells from the store's walk (which lets the event loop serve other requests between batches). */
async function* batches(store: ExportSource, filter: InteractionFilter, sort: SortSpec | undefined): AsyncGenerator<Array<Record<string, unknown>>> {
  for await (const rows of store.exportWalk(filter, sort, BATCH)) yield rows.map(interactionCells);
}

/** The selected interactions (same filters and sort as the grid) to an .xlsx or .csv file. */
export function exportInteractions(store: ExportSource, req: InteractionExportRequest): Promise<ExportResult> {
  return writeExport({
    outPath: req.outPath,
    format: req.format,
    zone: req.zone,
    signal: req.signal,
    onProgress: req.onProgress,
    sheets: [{ name: 'Interactions', columns: interactionColumns(req.headers, req.language), rows: batches(store, req.filter, req.sort) }],
  });
}
