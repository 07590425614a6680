import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csvText } from '../../src-main/core/export/csv-writer';
import { WallClockDates } from '../../src-main/core/export/dates';
import { SheetSerializer } from '../../src-main/core/export/xlsx-sheet';
import { SheetNames, cleanSheetName } from '../../src-main/core/export/sheet-names';
import { EXCEL_CELL_MAX, cleanCellText, limitCellLength, looksLikeFormula, stripIllegalXml } from '../../src-main/core/export/text';
import { instantOf, numberOf, textOf } from '../../src-main/core/export/values';
import { cellXmlText, escapeAttr } from '../../src-main/core/export/xml';

test('illegal XML characters go, everything else stays', () => {
  assert.equal(stripIllegalXml('a\u0000\u0007\u000B\u001Fb\t\n\rc'), 'ab\t\n\rc');
  assert.equal(stripIllegalXml('\uD83D\uDE00 ok \uD83D x \uDE00'), '\uD83D\uDE00 ok  x ');
  assert.equal(stripIllegalXml('\uFFFE\uFFFF\uFFFD'), '\uFFFD');
  const clean = 'nothing to do: ñ € 𠜎 مرحبا';
  assert.equal(stripIllegalXml(clean), clean);
});

test('cells over the limit are cut with a marker that counts what was cut, never inside a pair', () => {
  assert.equal(limitCellLength('short'), 'short');
  assert.equal(limitCellLength('x'.repeat(EXCEL_CELL_MAX)).length, EXCEL_CELL_MAX);
  for (const filler of ['x', '😀']) {
    for (const extra of [1, 2, 9, 10, 99, 1_000, 100_000]) {
      const input = filler.repeat(Math.ceil((EXCEL_CELL_MAX + extra) / filler.length));
      const out = limitCellLength(input);
      assert.ok(out.length <= EXCEL_CELL_MAX && out.length >= EXCEL_CELL_MAX - 1, `${out.length}`);
      const m = /… \[truncated: ([\d,]+) characters\]$/.exec(out)!;
      const kept = out.length - m[0].length;
      assert.equal(Number(m[1]!.replace(/,/g, '')), input.length - kept);
      assert.equal(out.slice(0, kept), input.slice(0, kept));
      const last = out.charCodeAt(kept - 1);
      assert.ok(!(last >= 0xd800 && last <= 0xdbff), 'no high surrogate left alone');
    }
  }
  assert.equal(cleanCellText('\u0000'.repeat(40_000) + 'ok'), 'ok', 'cleaned before measuring');
});

test('formula-like text is recognised by its first character', () => {
  for (const s of ['=1+1', '+1', '-1', '@A1', '\t=1', '\r=1']) assert.ok(looksLikeFormula(s), JSON.stringify(s));
  for (const s of ['', 'a=1', ' =1', '1-2', '＝1']) assert.ok(!looksLikeFormula(s), JSON.stringify(s));
});

test('xml text: escaped, cleaned, and the _xHHHH_ convention kept literal', () => {
  assert.equal(cellXmlText('a < b & c > d'), 'a &lt; b &amp; c &gt; d');
  assert.equal(cellXmlText('line\r\nnext'), 'line&#13;\nnext');
  assert.equal(cellXmlText('_x0041_ _xZZZZ_ _x00e9_'), '_x005F_x0041_ _xZZZZ_ _x005F_x00e9_');
  assert.equal(cellXmlText('😀 \uD800 <'), '😀  &lt;');
  assert.equal(cellXmlText('😀 only pairs'), '😀 only pairs');
  assert.equal(escapeAttr(`Bob's "sheet" & <more>`), 'Bob&apos;s &quot;sheet&quot; &amp; &lt;more&gt;');
});

test('csv fields: every character kept, quoted when needed, formula-like guarded with an apostrophe', () => {
  assert.equal(csvText('plain'), 'plain');
  assert.equal(csvText('a,b'), '"a,b"');
  // Every separator candidate is quoted, whichever separator the file uses; a piece that would start a formula is guarded.
  assert.equal(csvText('a;b'), '"a;b"');
  assert.equal(csvText('a\tb'), '"a\tb"');
  assert.equal(csvText('x;=HYPERLINK("http://e.example")'), `"x;'=HYPERLINK(""http://e.example"")"`);
  assert.equal(csvText('total,-5'), `"total,'-5"`);
  assert.equal(csvText('line\n@me'), `"line\n'@me"`);
  assert.equal(csvText('a;"=1'), `"a;""'=1"`, 'a quote a reader may take for an opening quote');
  assert.equal(csvText('=1;=2'), `"'=1;'=2"`);
  assert.equal(csvText('a=b; c-d, -e'), '"a=b; c-d, -e"', 'inside a piece or after a space, a formula character is harmless');
  assert.equal(csvText('say "hi"'), '"say ""hi"""');
  assert.equal(csvText('two\r\nlines'), '"two\r\nlines"');
  assert.equal(csvText('lone\rCR'), '"lone\rCR"');
  assert.equal(csvText('=SUM(A1)'), `"'=SUM(A1)"`);
  assert.equal(csvText('-5'), `"'-5"`);
  // The leading tab or CR is guarded, and so is the piece after it (a tab-separated or line-breaking reader).
  assert.equal(csvText('\t=1'), `"'\t'=1"`);
  assert.equal(csvText('\r=1'), `"'\r'=1"`);
  assert.equal(csvText('\tx'), `"'\tx"`);
  assert.equal(csvText('\u0000=1'), '\u0000=1', 'controls kept; a leading NUL is not a formula start');
  assert.equal(csvText('a\u0001\u001f\u007fb'), 'a\u0001\u001f\u007fb', 'controls kept, no quoting needed');
  assert.equal(csvText('p\uFFFEq\uFFFF'), 'p\uFFFEq\uFFFF');
  const long = 'x'.repeat(EXCEL_CELL_MAX + 10_000);
  assert.equal(csvText(long), long, "no cut at Excel's cell limit");
  assert.equal(csvText('=' + long), `"'=${long}"`);
});

test('values: typed when they can be, kept as text when not', () => {
  assert.equal(textOf(null), '');
  assert.equal(textOf(12.5), '12.5');
  assert.equal(textOf(['a', 'b']), 'a, b');
  assert.equal(textOf({ a: 1 }), '{"a":1}');
  assert.equal(numberOf(' 4.5 '), 4.5);
  assert.equal(numberOf('1e3'), 1000);
  assert.equal(numberOf(''), null);
  assert.equal(numberOf(Number.POSITIVE_INFINITY), null);
  assert.equal(numberOf('4,5'), '4,5');
  assert.equal(numberOf(10n), 10);
  assert.equal(instantOf(new Date(5)), 5);
  assert.equal(instantOf('2025-01-01'), '2025-01-01');
  assert.equal(instantOf(undefined), null);
});

test('dates: Excel serials and csv text in the zone', () => {
  const bogota = new WallClockDates('America/Bogota');
  assert.equal(bogota.format(Date.UTC(2025, 0, 1, 4, 59, 59)), '2024-12-31 23:59:59');
  assert.equal(bogota.excelSerial(Date.UTC(1970, 0, 1, 5)), 25_569);
  assert.equal(bogota.excelSerial(Date.UTC(1899, 0, 1)), null, 'before Excel can represent it');
});

test('sheet names: valid for Excel and unique within the workbook', () => {
  assert.equal(cleanSheetName('a[b]c:d*e?f/g\\h'), 'a_b_c_d_e_f_g_h');
  assert.equal(cleanSheetName("'quoted'"), 'quoted');
  assert.equal(cleanSheetName('   '), 'Sheet');
  assert.equal(cleanSheetName('History'), 'History_');
  assert.equal(cleanSheetName('x'.repeat(40)).length, 31);
  assert.equal(cleanSheetName('😀'.repeat(20)).length, 30, 'not cut inside a pair');
  const names = new SheetNames();
  assert.equal(names.claim('Summary'), 'Summary');
  assert.equal(names.claim('SUMMARY'), 'SUMMARY (2)', 'Excel compares names without case');
  assert.equal(names.claim('Interactions'), 'Interactions');
  assert.equal(names.claim('Interactions', 2), 'Interactions (2)');
  assert.equal(names.claim('y'.repeat(40), 12), `${'y'.repeat(26)} (12)`);
});

test('xlsx rows stop early when the output is backlogged, after at least one row', () => {
  const serializer = new SheetSerializer([{ key: 'a', header: 'A', kind: 'text' }], new WallClockDates('UTC'));
  const rows = Array.from({ length: 10 }, (_, i) => ({ a: `row ${i}` }));
  const appended: string[] = [];
  const calm = { append: (t: string) => appended.push(t), backlogged: false };
  assert.equal(serializer.rows(rows, 0, 10, 2, calm), 10);
  const busy = { append: (t: string) => appended.push(t), backlogged: true };
  assert.equal(serializer.rows(rows, 3, 10, 5, busy), 1, 'one row, then back to the caller');
  assert.match(appended.at(-1)!, /^<row r="5"><c r="A5" s="2" t="inlineStr"><is><t>row 3<\/t><\/is><\/c><\/row>$/);
});
