/**
 * writeExport: rows from async batches to an .xlsx or .csv file, streamed with constant memory, written to a
 * temporary file beside the target and renamed over it only when complete.
 */
import { AppError, badInput } from '../errors';
import { isValidTimeZone } from '../time/zone';
import { WallClockDates } from './dates';
import { writeCsv } from './csv-writer';
import { cancelledError, throwIfAborted } from './pacing';
import { TargetFile, realFs, type TargetFs } from './target-file';
import type { ExportOptions, ExportResult } from './types';
import { writeXlsx } from './xlsx-writer';

export type { CellKind, CsvSeparator, ExportColumn, ExportOptions, ExportResult, SheetSpec } from './types';
export { EXCEL_CELL_MAX } from './text';

/** Data rows a worksheet holds below its header row. */
export const EXCEL_MAX_DATA_ROWS = 1_048_575;
const EXCEL_MAX_COLUMNS = 16_384;

function validate(opts: ExportOptions): void {
  if (!opts.outPath) throw badInput('Choose a file to export to.');
  if (opts.format !== 'xlsx' && opts.format !== 'csv') throw badInput(`Unknown export format: ${String(opts.format)}.`);
  if (!isValidTimeZone(opts.zone)) throw badInput(`Unknown time zone: ${opts.zone}.`);
  if (opts.sheets.length === 0) throw badInput('Nothing to export: no sheet was given.');
  for (const sheet of opts.sheets) {
    if (sheet.columns.length === 0 || sheet.columns.length > EXCEL_MAX_COLUMNS) {
      throw badInput(`Sheet "${sheet.name}" needs between 1 and ${EXCEL_MAX_COLUMNS} columns.`);
    }
  }
  const max = opts.maxRowsPerSheet;
  if (max !== undefined && (!Number.isInteger(max) || max < 1 || max > EXCEL_MAX_DATA_ROWS)) {
    throw badInput(`maxRowsPerSheet must be an integer from 1 to ${EXCEL_MAX_DATA_ROWS}.`);
  }
  if (opts.csvSeparator !== undefined && ![',', ';', '\t'].includes(opts.csvSeparator)) {
    throw badInput('The CSV separator is a comma, a semicolon or a tab.');
  }
  const level = opts.compressionLevel;
  if (level !== undefined && (!Number.isInteger(level) || level < 0 || level > 9)) {
    throw badInput('compressionLevel must be an integer from 0 to 9.');
  }
}

/** As writeExport, with the file-system calls supplied (tests use this to simulate a full disk). */
export async function writeExportWith(opts: ExportOptions, fs: TargetFs): Promise<ExportResult> {
  validate(opts);
  throwIfAborted(opts.signal);
  const dates = new WallClockDates(opts.zone);
  const target = await TargetFile.create(opts.outPath, fs);
  try {
    const result =
      opts.format === 'csv'
        ? await writeCsv(target, { sheet: opts.sheets[0]!, dates, separator: opts.csvSeparator, signal: opts.signal, onProgress: opts.onProgress, clock: opts.clock })
        : await writeXlsx(target, {
            sheets: opts.sheets,
            dates,
            maxRowsPerSheet: opts.maxRowsPerSheet ?? EXCEL_MAX_DATA_ROWS,
            compressionLevel: opts.compressionLevel ?? 1,
            signal: opts.signal,
            onProgress: opts.onProgress,
            clock: opts.clock,
          });
    // Cancel pressed after the last row still means "I don't want this file".
    throwIfAborted(opts.signal);
    await target.commit();
    return { ...result, path: opts.outPath };
  } catch (error) {
    await target.discard();
    // A producer that fails because it was aborted (a closed cursor) still means the user cancelled.
    if (!(error instanceof AppError) && opts.signal?.aborted) throw cancelledError(error);
    throw error;
  }
}

export function writeExport(opts: ExportOptions): Promise<ExportResult> {
  return writeExportWith(opts, realFs);
}
