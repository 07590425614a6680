/**
 * The xlsx export read back by independent readers (exceljs for cells, the test's own ZIP reader for parts), cell by cell, for ordinary and hostile text,
 * dates in a fixed-offset and a DST zone, and typed numbers; plus the package itself: well-formed XML in every
 * part, valid ZIP (Info-ZIP's test when present), frozen header, autofilter, widths, overflow onto new sheets.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { writeExport, type ExportColumn } from '../../src-main/core/export/index';
import {
  HOSTILE,
  type ReadWorkbook,
  assertWellFormed,
  cell,
  filesIn,
  inBatches,
  partNames,
  partText,
  readWorkbook,
  serialToWallClock,
  sheetArrays,
  sheetRecords,
  tempDir,
  unzipTest,
} from './export-helpers';

const COLUMNS: ExportColumn[] = [
  { key: 'id', header: 'Id', kind: 'integer' },
  { key: 'label', header: 'Label', kind: 'text' },
  { key: 'text', header: 'Message', kind: 'text', wrap: true },
  { key: 'created', header: 'Created', kind: 'date' },
  { key: 'score', header: 'Score', kind: 'number', width: 9 },
];

const LONG = 'x'.repeat(20_000) + '👍'.repeat(5_000) + 'y'.repeat(10_000); // 40,000 UTF-16 units

function assertTruncated(actual: string, input: string): void {
  assert.ok(actual.length <= 32_767, `cell holds ${actual.length} characters`);
  const m = /… \[truncated: ([\d,]+) characters\]$/.exec(actual);
  assert.ok(m, 'visible truncation marker at the end');
  const kept = actual.length - m[0].length;
  assert.equal(actual.slice(0, kept), input.slice(0, kept), 'kept text is the start of the original');
  assert.equal(Number(m[1]!.replace(/,/g, '')), input.length - kept, 'marker counts what was cut');
  assert.ok(actual.length > 32_700, 'cut close to the limit, not far below it');
}

async function checkPackage(path: string): Promise<ReadWorkbook> {
  const workbook = await readWorkbook(path);
  const parts = partNames(workbook);
  assert.ok(parts.includes('[Content_Types].xml') && parts.includes('xl/workbook.xml') && parts.includes('xl/styles.xml'));
  for (const name of parts) assertWellFormed(partText(workbook, name), name);
  const unzip = unzipTest(path);
  // npm test installs unzip (or names it): an independent reader that is missing is a failure, not a pass.
  assert.ok(unzip.available, 'unzip is not installed (Debian/Ubuntu: apt-get install unzip): the independent ZIP check cannot run');
  assert.ok(unzip.ok, unzip.output);
  return workbook;
}

test('xlsx: every cell reads back as written, hostile text included', async (t) => {
  const dir = tempDir(t);
  const outPath = join(dir, 'interactions.xlsx');
  const rows: Array<Record<string, unknown>> = HOSTILE.map((h, i) => ({
    id: i + 1,
    label: h.label,
    text: h.input,
    created: Date.UTC(2025, 0, 15, 17, 30, 5) + i * 60_000,
    score: i % 2 ? i * 1.25 : -i - 0.5,
  }));
  rows.push({ id: 900, label: 'long', text: LONG, created: null, score: '42' });
  rows.push({ id: 901, label: 'empty', text: '', created: undefined, score: 'n/a' });
  rows.push({ id: 902, label: 'tiny', text: 'ok', created: Date.UTC(2025, 5, 1), score: 1e-7 });

  const result = await writeExport({
    outPath,
    format: 'xlsx',
    zone: 'America/Bogota',
    sheets: [{ name: 'Interactions', columns: COLUMNS, rows: inBatches(rows, 4) }],
  });
  assert.deepEqual(result, { rows: rows.length, sheets: ['Interactions'], path: outPath });
  assert.deepEqual(filesIn(dir), ['interactions.xlsx'], 'no temporary file left');

  const workbook = await checkPackage(outPath);
  assert.deepEqual(workbook.sheetNames, ['Interactions']);
  const sheet = workbook.sheet('Interactions');
  assert.deepEqual(
    COLUMNS.map((c, i) => cell(sheet, `${String.fromCharCode(65 + i)}1`)?.v),
    COLUMNS.map((c) => c.header),
  );
  let cells = 0;
  sheet.eachRow((row) =>
    row.eachCell((c) => {
      cells += 1;
      assert.notEqual(c.type, ExcelJS.ValueType.Formula, `${c.address} must never be a formula`);
    }),
  );
  assert.ok(cells > rows.length * 3, 'the formula check saw the cells');

  HOSTILE.forEach((h, i) => {
    const r = i + 2;
    assert.deepEqual([cell(sheet, `A${r}`)?.t, cell(sheet, `A${r}`)?.v], ['n', i + 1]);
    const text = cell(sheet, `C${r}`);
    assert.equal(text?.t, 's', `${h.label}: a string cell`);
    assert.equal(text?.v, h.expected, h.label);
    const created = cell(sheet, `D${r}`)!;
    assert.equal(created.t, 'n', 'dates are numbers with a date format');
    assert.match(String(created.z), /yyyy-mm-dd hh:mm:ss/);
    const minute = String(30 + i).padStart(2, '0');
    const expected = 30 + i < 60 ? `2025-01-15 12:${minute}:05` : `2025-01-15 13:${String(i - 30).padStart(2, '0')}:05`;
    assert.equal(created.type, ExcelJS.ValueType.Date, 'the reader sees a date');
    assert.equal(serialToWallClock(created.v), expected, `${h.label}: Bogota wall clock`);
    assert.deepEqual([cell(sheet, `E${r}`)?.t, cell(sheet, `E${r}`)?.v], ['n', i % 2 ? i * 1.25 : -i - 0.5]);
  });

  const long = HOSTILE.length + 2;
  assertTruncated(String(cell(sheet, `C${long}`)!.v), LONG);
  assert.equal(cell(sheet, `D${long}`), undefined, 'null date: empty cell');
  assert.deepEqual([cell(sheet, `E${long}`)?.t, cell(sheet, `E${long}`)?.v], ['n', 42], 'numeric text becomes a number');
  assert.equal(cell(sheet, `C${long + 1}`), undefined, 'empty text: empty cell');
  assert.equal(cell(sheet, `D${long + 1}`), undefined);
  assert.deepEqual([cell(sheet, `E${long + 1}`)?.t, cell(sheet, `E${long + 1}`)?.v], ['s', 'n/a'], 'kept as text, not lost');
  assert.equal(cell(sheet, `E${long + 2}`)?.v, 1e-7);
});

test('xlsx: dates are the wall clock of the zone, across DST changes', async (t) => {
  const dir = tempDir(t);
  const cases: Array<{ zone: string; utc: string; wall: string }> = [
    { zone: 'America/Bogota', utc: '2025-01-01T04:59:59Z', wall: '2024-12-31 23:59:59' },
    { zone: 'America/Bogota', utc: '2024-02-29T17:00:00Z', wall: '2024-02-29 12:00:00' },
    { zone: 'America/New_York', utc: '2025-03-09T06:59:59Z', wall: '2025-03-09 01:59:59' },
    { zone: 'America/New_York', utc: '2025-03-09T07:00:00Z', wall: '2025-03-09 03:00:00' },
    { zone: 'America/New_York', utc: '2025-11-02T05:30:00Z', wall: '2025-11-02 01:30:00' },
    { zone: 'America/New_York', utc: '2025-11-02T06:30:00Z', wall: '2025-11-02 01:30:00' },
    { zone: 'America/New_York', utc: '2025-07-04T16:00:00Z', wall: '2025-07-04 12:00:00' },
  ];
  for (const zone of ['America/Bogota', 'America/New_York']) {
    const mine = cases.filter((c) => c.zone === zone);
    const outPath = join(dir, `${zone.replace('/', '-')}.xlsx`);
    await writeExport({
      outPath,
      format: 'xlsx',
      zone,
      sheets: [
        {
          name: 'Dates',
          columns: [{ key: 'at', header: 'At', kind: 'date' }],
          rows: inBatches(mine.map((c) => ({ at: Date.parse(c.utc) }))),
        },
      ],
    });
    const sheet = (await readWorkbook(outPath)).sheet('Dates');
    mine.forEach((c, i) => assert.equal(serialToWallClock(cell(sheet, `A${i + 2}`)!.v), c.wall, `${c.utc} in ${zone}`));
  }
});

test('xlsx: frozen header, autofilter, widths, styles and wrap are in the package', async (t) => {
  const dir = tempDir(t);
  const outPath = join(dir, 'features.xlsx');
  const rows = Array.from({ length: 12 }, (_, i) => ({ id: i, label: `agent ${i}`, text: 'long '.repeat(80), created: 0, score: i }));
  await writeExport({ outPath, format: 'xlsx', zone: 'UTC', sheets: [{ name: 'Interactions', columns: COLUMNS, rows: inBatches(rows) }] });
  const workbook = await checkPackage(outPath);
  const xml = partText(workbook, 'xl/worksheets/sheet1.xml');
  assert.match(xml, /<pane [^>]*ySplit="1"[^>]*topLeftCell="A2"[^>]*state="frozen"/);
  assert.match(xml, /<autoFilter ref="A1:E13"\/>/);
  assert.match(xml, /<col min="5" max="5" width="9" customWidth="1"\/>/, 'given width kept');
  assert.match(xml, /<col min="3" max="3" width="60" customWidth="1"\/>/, 'wrapped text column made wide');
  assert.doesNotMatch(xml, /<f>|<f /, 'no formula anywhere');
  assert.match(partText(workbook, 'xl/workbook.xml'), /<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'Interactions'!\$A\$1:\$E\$13<\/definedName>/);
  const sheet = workbook.sheet('Interactions');
  assert.equal(sheet.autoFilter, 'A1:E13');
  assert.equal(sheet.dimensions.toString(), 'A1:E13');
  assert.deepEqual([sheet.views[0]?.state, (sheet.views[0] as ExcelJS.WorksheetViewFrozen | undefined)?.ySplit], ['frozen', 1]);
  assert.equal(sheet.getColumn(5).width, 9, 'the reader sees the width');
  const styles = partText(workbook, 'xl/styles.xml');
  const xfs = [...styles.matchAll(/<xf [^>]*?(?:\/>|>.*?<\/xf>)/g)].map((m) => m[0]).slice(1); // skip cellStyleXfs
  const styleOf = (ref: string) => xfs[Number(new RegExp(`<c r="${ref}" s="(\\d+)"`).exec(xml)![1])]!;
  assert.match(styleOf('A1'), /fontId="1".*fillId="2"/, 'header: bold font and a fill');
  assert.match(styles, /<font><b\/>/);
  assert.match(styleOf('C2'), /wrapText="1"/, 'long text wraps');
  assert.match(styleOf('D2'), /numFmtId="164"/, 'date format');
});

test('xlsx: rows beyond the per-sheet limit continue on numbered sheets, each with its header', async (t) => {
  const dir = tempDir(t);
  const outPath = join(dir, 'overflow.xlsx');
  const rows = Array.from({ length: 25 }, (_, i) => ({ id: i + 1, label: `row ${i + 1}` }));
  const columns: ExportColumn[] = [
    { key: 'id', header: 'Id', kind: 'integer' },
    { key: 'label', header: 'Label', kind: 'text' },
  ];
  const longName = 'Interactions of the whole operation 2025';
  const result = await writeExport({
    outPath,
    format: 'xlsx',
    zone: 'UTC',
    maxRowsPerSheet: 10,
    sheets: [
      { name: longName, columns, rows: inBatches(rows, 3) },
      { name: 'Sum:mary/[2025]?', columns, rows: inBatches(rows.slice(0, 2)) },
      { name: 'summary_2025', columns, rows: inBatches([]) },
    ],
  });
  const expectedNames = [
    'Interactions of the whole opera',
    'Interactions of the whole o (2)',
    'Interactions of the whole o (3)',
    'Sum_mary__2025__',
    'summary_2025',
  ];
  assert.deepEqual(result.sheets, expectedNames);
  assert.equal(result.rows, 27);
  const workbook = await checkPackage(outPath);
  assert.deepEqual(workbook.sheetNames, expectedNames);
  const ids = (name: string) => sheetRecords(workbook.sheet(name)).map((r) => r.Id);
  assert.deepEqual(ids(expectedNames[0]!), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  assert.deepEqual(ids(expectedNames[1]!), [11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
  assert.deepEqual(ids(expectedNames[2]!), [21, 22, 23, 24, 25]);
  assert.deepEqual(ids(expectedNames[3]!), [1, 2]);
  assert.deepEqual(sheetArrays(workbook.sheet('summary_2025')), [['Id', 'Label']], 'empty: header only');
  for (const [i, name] of expectedNames.entries()) {
    const xml = partText(workbook, `xl/worksheets/sheet${i + 1}.xml`);
    assert.match(xml, /state="frozen"/, `${name} frozen`);
    assert.equal(workbook.sheet(name).autoFilter, `A1:B${[11, 11, 6, 3, 1][i]}`, `${name} autofilter`);
  }
});

test('xlsx: a large sheet (many deflate chunks) reads back whole', async (t) => {
  const dir = tempDir(t);
  const outPath = join(dir, 'large.xlsx');
  const count = 6_000;
  const text = (i: number) => `Mensaje ${i}: ${'atención al cliente ñandú 👍 '.repeat(1 + (i % 40))}`;
  async function* rows() {
    for (let i = 0; i < count; i += 500) {
      yield Array.from({ length: Math.min(500, count - i) }, (_, j) => ({ id: i + j, label: `L${i + j}`, text: text(i + j), created: 1.7e12 + (i + j) * 1000, score: (i + j) / 4 }));
    }
  }
  const result = await writeExport({ outPath, format: 'xlsx', zone: 'America/Bogota', sheets: [{ name: 'Big', columns: COLUMNS, rows: rows() }] });
  assert.equal(result.rows, count);
  const workbook = await checkPackage(outPath);
  const data = sheetRecords(workbook.sheet('Big'));
  assert.equal(data.length, count);
  for (const i of [0, 1, 777, 2999, 4321, count - 1]) {
    assert.deepEqual([data[i]!.Id, data[i]!.Label, data[i]!.Message, data[i]!.Score], [i, `L${i}`, text(i), i / 4]);
  }
});
