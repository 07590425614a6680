/**
 * One worksheet's XML, serialised straight to strings: a fixed head (frozen header, column widths, the header
 * row), rows with inline strings (no shared-strings table to hold in memory), and a tail with the autofilter,
 * which can only be written once the last row is known.
 */
import type { ExportColumn } from './types';
import type { WallClockDates } from './dates';
import { cellXmlText } from './xml';
import { instantOf, numberOf, textOf } from './values';
import { STYLE } from './xlsx-parts';

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** Default widths (in characters) when a column gives none: from its header and a sample of its first rows. */
export function columnWidths(columns: ExportColumn[], sample: ReadonlyArray<Record<string, unknown>>): number[] {
  return columns.map((c) => {
    if (c.width !== undefined && c.width > 0) return Math.min(c.width, 255);
    const header = c.header.length + 2;
    if (c.kind === 'date') return Math.max(header, 20);
    if (c.kind !== 'text') return Math.max(header, 10);
    if (c.wrap) return Math.max(header, 60);
    const lengths = sample.slice(0, 500).map((r) => textOf(r[c.key]).length).sort((a, b) => a - b);
    const p90 = lengths.length ? lengths[Math.floor(lengths.length * 0.9)]! : 0;
    return Math.min(Math.max(header, p90 + 2, 8), 50);
  });
}

/** Where serialised XML goes; long texts are handed over on their own (see parallel-deflate.ts). */
export interface TextOut {
  append(text: string): void;
  /** True once enough is waiting for the compressors: stop and let the caller await their progress. */
  readonly backlogged: boolean;
}

/** Texts at least this long are appended directly instead of being concatenated into the row's string. */
const LONG_TEXT = 256;

/** Leading or trailing whitespace survives only with xml:space="preserve". */
const edgeSpace = (clean: string): boolean => clean.charCodeAt(0) <= 32 || clean.charCodeAt(clean.length - 1) <= 32;
const PRESERVE = ' xml:space="preserve"';

function openTextCell(ref: string, style: number, clean: string): string {
  return `<c r="${ref}" s="${style}" t="inlineStr"><is><t${edgeSpace(clean) ? PRESERVE : ''}>`;
}

const CLOSE_TEXT_CELL = '</t></is></c>';

const TEXT = 0;
const DATE = 1;
const OTHER = 2;

/** A short text cell as one string ('' for empty text). */
function textCell(ref: string, style: number, text: string): string {
  const clean = cellXmlText(text);
  return clean === '' ? '' : openTextCell(ref, style, clean) + clean + CLOSE_TEXT_CELL;
}

export class SheetSerializer {
  private readonly letters: string[];
  private readonly keys: string[];
  /** Per column, the fixed parts of a cell around its row number: `<c r="B` … `" s="3" t="inlineStr"><is><t`. */
  private readonly cellStart: string[];
  /** Per column, what follows the row number in a text cell, up to and including the `<t>` tag. */
  private readonly textOpen: string[];
  private readonly textOpenPreserve: string[];
  /** Per column, its kind as a small integer (TEXT, DATE, OTHER): one comparison per cell. */
  private readonly kinds: number[];
  private readonly valueStart: string[];

  constructor(
    private readonly columns: ExportColumn[],
    private readonly dates: WallClockDates,
  ) {
    this.letters = columns.map((_, i) => columnLetter(i));
    this.keys = columns.map((c) => c.key);
    const styles = columns.map((c) =>
      c.kind === 'date' ? STYLE.date : c.kind === 'integer' ? STYLE.integer : c.kind === 'number' ? STYLE.number : c.kind === 'decimal' ? STYLE.decimal : c.wrap ? STYLE.wrap : STYLE.text,
    );
    this.cellStart = this.letters.map((l) => `<c r="${l}`);
    this.textOpen = styles.map((s) => `" s="${s}" t="inlineStr"><is><t>`);
    this.textOpenPreserve = styles.map((s) => `" s="${s}" t="inlineStr"><is><t${PRESERVE}>`);
    this.kinds = columns.map((c) => (c.kind === 'text' ? TEXT : c.kind === 'date' ? DATE : OTHER));
    this.valueStart = styles.map((s) => `" s="${s}"><v>`);
  }

  get lastColumn(): string {
    return this.letters[this.letters.length - 1]!;
  }

  head(widths: number[], selected: boolean): string {
    const cols = widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('');
    const header = this.columns.map((c, i) => textCell(`${this.letters[i]}1`, STYLE.header, c.header)).join('');
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<worksheet ${NS}>` +
      `<sheetViews><sheetView workbookViewId="0"${selected ? ' tabSelected="1"' : ''}>` +
      '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
      '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>' +
      '<sheetFormatPr defaultRowHeight="15"/>' +
      `<cols>${cols}</cols>` +
      `<sheetData><row r="1">${header}</row>`
    );
  }

  tail(lastRow: number): string {
    return (
      `</sheetData><autoFilter ref="A1:${this.lastColumn}${lastRow}"/>` +
      '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
      '</worksheet>'
    );
  }

  /**
   * Rows `from`..`to` (exclusive) of a batch, the first at sheet row `rowNumber`; returns how many were written.
   * Text cells are always inline strings, so nothing a user typed can ever become a formula.
   */
  rows(batch: ReadonlyArray<Record<string, unknown>>, from: number, to: number, rowNumber: number, out: TextOut): number {
    const { kinds, keys, letters, cellStart, textOpen, textOpenPreserve, valueStart, dates } = this;
    const columnCount = keys.length;
    let xml = '';
    let i = from;
    // At least one row; then stop early if the output is backlogged (rows of huge cells), so memory stays bounded.
    for (; i < to && (i === from || !out.backlogged); i++, rowNumber++) {
      const row = batch[i]!;
      const rn = String(rowNumber);
      xml += '<row r="' + rn + '">';
      for (let c = 0; c < columnCount; c++) {
        const value = row[keys[c]!];
        const kind = kinds[c]!;
        if (kind === TEXT) {
          const clean = cellXmlText(typeof value === 'string' ? value : textOf(value));
          if (clean === '') continue;
          const open = cellStart[c] + rn + (edgeSpace(clean) ? textOpenPreserve[c] : textOpen[c]);
          if (clean.length >= LONG_TEXT) {
            out.append(xml + open);
            out.append(clean);
            xml = CLOSE_TEXT_CELL;
          } else {
            xml += open + clean + CLOSE_TEXT_CELL;
          }
          continue;
        }
        const v = kind === DATE ? instantOf(value) : numberOf(value);
        if (v === null) continue;
        const n = typeof v === 'string' ? null : kind === DATE ? dates.excelSerial(v) : v;
        if (n !== null) xml += cellStart[c] + rn + valueStart[c] + n + '</v></c>';
        else xml += textCell(letters[c] + rn, STYLE.text, typeof v === 'string' ? v : dates.format(v));
      }
      xml += '</row>';
    }
    out.append(xml);
    return i - from;
  }
}
