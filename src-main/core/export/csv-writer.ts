/**
 * CSV as Excel opens it correctly: UTF-8 with a BOM (without it Excel reads the bytes as the local code page
 * and breaks accents), RFC 4180 quoting, CRLF line ends, dates as `YYYY-MM-DD HH:mm:ss` in the zone. Text that
 * a spreadsheet would run as a formula gets a leading apostrophe (OWASP's CSV-injection advice).
 */
import type { ExportColumn, SheetSpec } from './types';
import type { ByteSink } from './parallel-deflate';
import type { WallClockDates } from './dates';
import { EXCEL_CELL_MAX, limitCellLength, looksLikeFormula, stripIllegalXml } from './text';
import { instantOf, numberOf, textOf } from './values';
import { Pacer, batches } from './pacing';

const BOM = '\uFEFF';
const NEEDS_QUOTES = /[",\r\n]/;
/** Bytes gathered before a write: fewer, larger writes to disk. */
const FLUSH_BYTES = 256 * 1024;
const SLICE_ROWS = 512;

/** One text field: the same cleaning as xlsx, then the injection guard, then quoting. */
export function csvText(text: string): string {
  let t = stripIllegalXml(text);
  const guard = looksLikeFormula(t);
  if (guard) t = limitCellLength(`'${t}`, EXCEL_CELL_MAX);
  else t = limitCellLength(t, EXCEL_CELL_MAX);
  return guard || NEEDS_QUOTES.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

function csvValue(column: ExportColumn, value: unknown, dates: WallClockDates): string {
  if (column.kind === 'text') return csvText(textOf(value));
  const v = column.kind === 'date' ? instantOf(value) : numberOf(value);
  if (v === null) return '';
  if (typeof v === 'string') return csvText(v);
  return column.kind === 'date' ? dates.format(v) : String(v);
}

export interface CsvRun {
  sheet: SheetSpec;
  dates: WallClockDates;
  signal?: AbortSignal;
  onProgress?: (p: { rows: number }) => void;
}

export async function writeCsv(out: ByteSink, run: CsvRun): Promise<{ rows: number; sheets: string[] }> {
  const { columns } = run.sheet;
  const pacer = new Pacer(run.signal);
  let text = BOM + columns.map((c) => csvText(c.header)).join(',') + '\r\n';
  let total = 0;

  for await (const batch of batches(run.sheet.rows, run.signal)) {
    for (let i = 0; i < batch.length; i++) {
      const row = batch[i]!;
      let line = '';
      for (let c = 0; c < columns.length; c++) {
        if (c > 0) line += ',';
        line += csvValue(columns[c]!, row[columns[c]!.key], run.dates);
      }
      text += line + '\r\n';
      total += 1;
      // Length in UTF-16 units underestimates bytes a little; close enough for a flush threshold.
      if (text.length >= FLUSH_BYTES || i % SLICE_ROWS === SLICE_ROWS - 1) {
        if (text.length >= FLUSH_BYTES) {
          await out.write(Buffer.from(text));
          text = '';
        }
        await pacer.turn();
      }
    }
    run.onProgress?.({ rows: total });
  }
  await out.write(Buffer.from(text));
  return { rows: total, sheets: [run.sheet.name] };
}
