/**
 * CSV is the exact-data format: every character of every field exactly as stored, because a CSV feeds other
 * tools and archives. Nothing is cut at Excel's 32,767-character cell limit and no control character is
 * removed (those are the xlsx's rules, where Excel would otherwise refuse the file). UTF-8 with a BOM (without
 * it Excel reads the bytes as the local code page and breaks accents), RFC 4180 quoting, CRLF between
 * records, dates as `YYYY-MM-DD HH:mm:ss` in the zone.
 *
 * The separator is a comma by default, or a semicolon (what Excel splits on under Spanish regional settings,
 * where the comma is the decimal mark; numbers are then written with a decimal comma) or a tab. A field is
 * quoted when it holds a quote, CR, LF or ANY of the three separators, whichever was chosen. The one change
 * to a value: text a spreadsheet could run as a formula gets an apostrophe in front (OWASP's CSV-injection
 * advice), at the field's start and at the start of every piece a reader told another separator could split
 * it into, so `x;=HYPERLINK(…)` is written `x;'=HYPERLINK(…)` (guardCsvText in text.ts).
 */
import type { CsvSeparator, ExportColumn, SheetSpec } from './types';
import { ParallelDeflater, type ByteSink } from './parallel-deflate';
import type { WallClockDates } from './dates';
import { guardCsvText } from './text';
import { instantOf, numberOf, textOf } from './values';
import { Pacer, batches } from './pacing';

const BOM = '\uFEFF';
const NEEDS_QUOTES = /[",;\t\r\n]/;
/** Rows per step between turns of the event loop and checks for cancel. */
const SLICE_ROWS = 256;
/** Fields at least this long are appended on their own rather than concatenated (see parallel-deflate.ts). */
const LONG_TEXT = 256;

/**
 * One text field, every character kept: the injection guard, then RFC 4180 quoting. A guarded field is quoted
 * too, so a reader that splits on the apostrophe's cell sees one field. (A lone surrogate, which no UTF-8 file
 * can hold, is written as U+FFFD, as the cache itself stores it.)
 */
export function csvText(text: string): string {
  const guarded = guardCsvText(text);
  if (guarded === text && !NEEDS_QUOTES.test(text)) return text;
  return `"${guarded.replace(/"/g, '""')}"`;
}

function csvValue(column: ExportColumn, value: unknown, dates: WallClockDates, decimalComma: boolean): string {
  if (column.kind === 'text') return csvText(textOf(value));
  const v = column.kind === 'date' ? instantOf(value) : numberOf(value);
  if (v === null) return '';
  if (typeof v === 'string') return csvText(v);
  if (column.kind === 'date') return dates.format(v);
  // A decimal comma makes the field hold a separator candidate: quoted, as every such field is.
  return decimalComma && !Number.isInteger(v) ? `"${String(v).replace('.', ',')}"` : String(v);
}

export interface CsvRun {
  sheet: SheetSpec;
  dates: WallClockDates;
  separator?: CsvSeparator;
  signal?: AbortSignal;
  onProgress?: (p: { rows: number }) => void;
  clock?: () => number;
}

export async function writeCsv(sink: ByteSink, run: CsvRun): Promise<{ rows: number; sheets: string[] }> {
  const { columns } = run.sheet;
  const separator = run.separator ?? ',';
  const decimalComma = separator === ';';
  // At level 0 the deflater only stores: it is then the buffered UTF-8 writer the xlsx path also uses.
  const out = new ParallelDeflater(sink, 0);
  const pacer = new Pacer(run.signal, run.clock);
  out.append(BOM + columns.map((c) => csvText(c.header)).join(separator) + '\r\n');
  let total = 0;

  for await (const batch of batches(run.sheet.rows, run.signal)) {
    let text = '';
    for (let r = 0; r < batch.length; r++) {
      const row = batch[r]!;
      for (let c = 0; c < columns.length; c++) {
        const column = columns[c]!;
        const field = csvValue(column, row[column.key], run.dates, decimalComma);
        if (c > 0) text += separator;
        if (field.length >= LONG_TEXT) {
          out.append(text);
          out.append(field);
          text = '';
        } else {
          text += field;
        }
      }
      text += '\r\n';
      total += 1;
      // Every SLICE_ROWS rows, or sooner when rows are huge: let the disk catch up and the event loop turn.
      if (total % SLICE_ROWS === 0 || out.backlogged) {
        out.append(text);
        text = '';
        await out.drain();
        await pacer.turn();
      }
    }
    out.append(text);
    run.onProgress?.({ rows: total });
  }
  await out.end();
  return { rows: total, sheets: [run.sheet.name] };
}
