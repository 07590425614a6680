import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { exportAuditWorkbook } from '../../src-main/core/reports/audit-workbook';
import { openDatabase } from '../../src-main/core/store/sqlite/connection/database';
import { saveReview } from '../../src-main/core/store/sqlite/audit/reviews-sql';
import { activeScorecard, saveScorecard } from '../../src-main/core/store/sqlite/audit/scorecards-sql';
import { openSqliteStore } from '../../src-main/core/store/sqlite/sqlite-store';
import { FAILING_SCORES, PASSING_SCORES } from '../helpers/review-scores';
import { tempDir } from '../helpers/temp-dir';
import { insertInteractions } from '../sqlite/reviews-fixtures';

const T0 = 1_700_000_100_000;

/** The Interactions sheet as header → value records, read with exceljs (what a manager's Excel opens). */
function records(sheet: ExcelJS.Worksheet): Record<string, unknown>[] {
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const out: Record<string, unknown>[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const values = (row.values as unknown[]).slice(1);
    out.push(Object.fromEntries(header.map((h, i) => [h, values[i] ?? null])));
  });
  return out;
}

test('the audit workbook names each review\'s scorecard and version, whether its result is overridden and why', async () => {
  const dir = tempDir('wolkvox-workbook-overrides-');
  const dbPath = join(dir, 'cache.sqlite');
  const db = openDatabase(dbPath);
  try {
    insertInteractions(db, [1, 2, 3, 4].map((k) => ({ id: k << 16, uid: `u-${k}`, agent_name: 'Ana', channel: 'Email', status: 'close' })));
    activeScorecard(db, T0);
    saveReview(db, { uid: 'u-1', reviewer: 'Marta', scores: PASSING_SCORES }, T0);
    saveReview(db, { uid: 'u-2', reviewer: 'Marta', scores: FAILING_SCORES }, T0);
    saveReview(db, { uid: 'u-2', reviewer: 'Jorge', override: { status: 'pass', reason: '=HYPERLINK("x") "customer withdrew"; ñ 😀' } }, T0 + 1);
    saveScorecard(db, { name: 'Second form', attributes: [{ key: 'tone', name: 'Tone', weight: 1, scale: '1-5' }, { key: 'survey', name: 'Survey offered', weight: 1, scale: 'yes-no', naAllowed: true, help: 'Only on closed chats' }] }, T0 + 2);
    saveReview(db, { uid: 'u-3', reviewer: 'Marta', scores: { tone: 5, survey: 'na' } }, T0 + 3);
  } finally {
    db.close();
  }
  const store = await openSqliteStore({ dbPath, access: 'read', readers: 'on-demand' });
  const out = join(dir, 'audit.xlsx');
  try {
    await exportAuditWorkbook(store, { filter: {}, format: 'xlsx', headers: 'api', outPath: out, zone: 'America/Bogota' });
  } finally {
    await store.close();
  }
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(out);
  // Newest first (the grid's default order): u-4 … u-1.
  const rows = new Map(records(book.getWorksheet('Interactions')!).map((r, i) => [`u-${4 - i}`, r]));
  assert.equal(rows.size, 4);
  const pick = (uid: string, ...keys: string[]) => keys.map((k) => rows.get(uid)![k]);
  const columns = ['Review status', 'Result overridden', 'Override reason', 'Scorecard', 'Scorecard version'];
  assert.deepEqual(pick('u-1', ...columns), ['pass', 'No', null, 'Chat and email care', 1]);
  assert.deepEqual(pick('u-2', ...columns), ['pass', 'Yes', '=HYPERLINK("x") "customer withdrew"; ñ 😀', 'Chat and email care', 1]);
  assert.deepEqual(pick('u-3', ...columns), ['pass', 'No', null, 'Second form', 2]);
  assert.deepEqual(pick('u-4', ...columns), ['unreviewed', null, null, null, null]);
  // One column per attribute key, named as in the first version that has it.
  assert.deepEqual(pick('u-3', 'Tone and courtesy', 'Survey offered', 'Overall score'), [5, 'N/A', 100]);
  const sheet = book.getWorksheet('Interactions')!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1);
  assert.deepEqual(header.slice(-5), ['Review time', ...columns.slice(1)], 'added after the review columns jobs already read');
  // The reason is text, never a formula.
  const reasonColumn = (sheet.getRow(1).values as unknown[]).indexOf('Override reason');
  sheet.eachRow((row) => assert.equal(row.getCell(reasonColumn).formula, undefined));

  const scorecard = records(book.getWorksheet('Scorecard')!);
  const survey = scorecard.find((r) => r['Attribute key'] === 'survey')!;
  assert.deepEqual([survey.Scorecard, survey.Version, survey['N/A allowed'], survey.Help, survey['In the Interactions sheet']], ['Second form', 2, 'yes', 'Only on closed chats', 'Text: Yes or No (or N/A)']);
  assert.ok(scorecard.some((r) => r.Scorecard === 'Chat and email care' && r.Version === 1 && r['Attribute key'] === 'resolution'));
});
