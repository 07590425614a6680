/**
 * The CSV separator option: with a comma, a semicolon or a tab, every hostile field reads back exactly (but for
 * the formula guard's apostrophe) with an RFC 4180 reader told that separator, and every field holding any
 * separator candidate is quoted. With a semicolon, numbers take a decimal comma. (A spreadsheet told the wrong
 * separator is export-csv-libreoffice.test.ts's matter.)
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { writeExport, type CsvSeparator, type ExportColumn } from '../../src-main/core/export/index';
import { HOSTILE, inBatches, tempDir } from './export-helpers';

const COLUMNS: ExportColumn[] = [
  { key: 'id', header: 'Id', kind: 'integer' },
  { key: 'text', header: 'Texto; con, separadores', kind: 'text' },
  { key: 'score', header: 'Puntaje', kind: 'decimal' },
];
/** The guard's documented change: an apostrophe before a formula-like field and before = + - @ starting a piece. */
const guarded = (text: string) => (/^[=+\-@\t\r]/.test(text) ? "'" : '') + text.replace(/([,;\t\r\n]"*)([=+\-@])/g, "$1'$2");
const EXTRA = ['x;=HYPERLINK("http://evil.example")', 'a,b;c\td', 'total; -5', 'ok, @once', 'fin\t+1'];

for (const separator of [',', ';', '\t'] as CsvSeparator[]) {
  test(`csv with separator ${JSON.stringify(separator)}: hostile text exact, separator candidates quoted, decimals`, async (t) => {
    const outPath = join(tempDir(t), 'out.csv');
    const texts = [...HOSTILE.map((h) => h.input), ...EXTRA];
    const rows = texts.map((text, i) => ({ id: i + 1, text, score: i + 0.25 }));
    await writeExport({ outPath, format: 'csv', zone: 'UTC', csvSeparator: separator, sheets: [{ name: 'X', columns: COLUMNS, rows: inBatches(rows, 4) }] });
    const bytes = readFileSync(outPath);
    const data = parse(bytes, { bom: true, delimiter: separator }) as string[][];
    assert.deepEqual(data[0], ['Id', 'Texto; con, separadores', 'Puntaje']);
    texts.forEach((text, i) => {
      const kept = Buffer.from(text, 'utf8').toString('utf8');
      assert.equal(data[i + 1]![1], guarded(kept), JSON.stringify(text));
      assert.equal(data[i + 1]![2], separator === ';' ? `${i},25` : `${i}.25`, 'a decimal comma with a semicolon');
    });
    const text = bytes.toString('utf8');
    assert.ok(text.includes('"a,b;c\td"'), 'every separator candidate quoted');
  });
}
