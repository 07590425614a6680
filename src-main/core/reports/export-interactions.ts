import { writeExport, type ExportResult } from '../export';
import type { Db } from '../store/database';
import type { InteractionFilter, SortSpec } from '../store/filters';
import { iterateRows } from '../store/queries';
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

/** Batches of export cells from the cache, one keyset batch at a time, yielding to the event loop between them. */
async function* batches(db: Db, filter: InteractionFilter, sort: SortSpec | undefined): AsyncGenerator<Array<Record<string, unknown>>> {
  let batch: Array<Record<string, unknown>> = [];
  for (const row of iterateRows(db, filter, sort, BATCH)) {
    batch.push(interactionCells(row));
    if (batch.length === BATCH) {
      yield batch;
      batch = [];
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  if (batch.length) yield batch;
}

/** The selected interactions (same filters and sort as the grid) to an .xlsx or .csv file. */
export function exportInteractions(db: Db, req: InteractionExportRequest): Promise<ExportResult> {
  return writeExport({
    outPath: req.outPath,
    format: req.format,
    zone: req.zone,
    signal: req.signal,
    onProgress: req.onProgress,
    sheets: [{ name: 'Interactions', columns: interactionColumns(req.headers, req.language), rows: batches(db, req.filter, req.sort) }],
  });
}
