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
}

/** Texts at least this long are appended directly instead of being concatenated into the row's string. */
const LONG_TEXT = 256;

/** The opening of an inline-string cell; leading or trailing whitespace survives only with xml:space. */
function openTextCell(ref: string, style: number, clean: string): string {
  const space = clean.charCodeAt(0) <= 32 || clean.charCodeAt(clean.length - 1) <= 32 ? ' xml:space="preserve"' : '';
  return `<c r="${ref}" s="${style}" t="inlineStr"><is><t${space}>`;
}

const CLOSE_TEXT_CELL = '</t></is></c>';

/** A short text cell as one string ('' for empty text). */
function textCell(ref: string, style: number, text: string): string {
  const clean = cellXmlText(text);
  return clean === '' ? '' : openTextCell(ref, style, clean) + clean + CLOSE_TEXT_CELL;
}

export class SheetSerializer {
  private readonly letters: string[];
  private readonly styles: number[];

  constructor(
    private readonly columns: ExportColumn[],
    private readonly dates: WallClockDates,
  ) {
    this.letters = columns.map((_, i) => columnLetter(i));
    this.styles = columns.map((c) =>
      c.kind === 'date' ? STYLE.date : c.kind === 'integer' ? STYLE.integer : c.kind === 'number' ? STYLE.number : c.wrap ? STYLE.wrap : STYLE.text,
    );
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
   * Rows `from`..`to` (exclusive) of a batch, the first at sheet row `rowNumber`. Text cells are always inline
   * strings, so nothing a user typed can ever become a formula.
   */
  rows(batch: ReadonlyArray<Record<string, unknown>>, from: number, to: number, rowNumber: number, out: TextOut): void {
    const { columns, letters, styles, dates } = this;
    let xml = '';
    for (let i = from; i < to; i++, rowNumber++) {
      const row = batch[i]!;
      xml += `<row r="${rowNumber}">`;
      for (let c = 0; c < columns.length; c++) {
        const column = columns[c]!;
        const value = row[column.key];
        const ref = letters[c]! + rowNumber;
        if (column.kind === 'text') {
          const clean = cellXmlText(textOf(value));
          if (clean.length >= LONG_TEXT) {
            out.append(xml + openTextCell(ref, styles[c]!, clean));
            out.append(clean);
            xml = CLOSE_TEXT_CELL;
          } else if (clean !== '') {
            xml += openTextCell(ref, styles[c]!, clean) + clean + CLOSE_TEXT_CELL;
          }
          continue;
        }
        const v = column.kind === 'date' ? instantOf(value) : numberOf(value);
        if (v === null) continue;
        if (typeof v === 'string') {
          xml += textCell(ref, STYLE.text, v);
          continue;
        }
        const n = column.kind === 'date' ? dates.excelSerial(v) : v;
        if (n === null) xml += textCell(ref, STYLE.text, dates.format(v));
        else xml += `<c r="${ref}" s="${styles[c]}"><v>${n}</v></c>`;
      }
      xml += '</row>';
    }
    out.append(xml);
  }
}
