import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { exportAuditWorkbook } from '../../src-main/core/reports/audit-workbook';
import { INSIGHTS_SHEETS } from '../../src-main/core/reports/insights-sheet';
import { saveReview } from '../../src-main/core/store/sqlite/audit/reviews-sql';
import { drawSample } from '../../src-main/core/store/sqlite/audit/samples-sql';
import { openDatabase } from '../../src-main/core/store/sqlite/connection/database';
import { openSqliteStore } from '../../src-main/core/store/sqlite/sqlite-store';
import { selectRows } from '../../src-main/core/store/sqlite/reads/selection';
import { API_FIELDS } from '../../src-main/core/wolkvox/fields';
import { runCliProcess } from '../helpers/cli-run';
import { range, syncRig } from '../helpers/sync-rig';
import { address, cell, readWorkbook, sheetArrays, sheetRecords } from './export-helpers';

test('the audit workbook carries every cell of the view, its reviews, a checked Summary and the Scorecard', async () => {
  const rig = await syncRig({ dataset: { from: '2026-02-01', to: '2026-02-02', rowsPerDay: 150 } });
  assert.equal((await rig.sync(range('2026-02-01', '2026-02-03'))).status, 'done');
  const db = openDatabase(rig.dbPath);
  try {
    const uids = db.prepare('SELECT uid FROM interactions ORDER BY id LIMIT 3').pluck().all() as string[];
    saveReview(db, { uid: uids[0]!, scores: { greeting: true, understanding: 5, resolution: true, tone: 4, typification: true, response_time: 3 }, status: 'pass', note: '=SUM(A1) looks like a formula', reviewer: 'Ana' }, 1_000);
    saveReview(db, { uid: uids[1]!, scores: { greeting: true, understanding: 4, resolution: false, tone: 4, typification: true, response_time: 4 }, note: 'No resolution 😞', tags: ['coaching'], reviewer: 'Ana' }, 2_000);
    saveReview(db, { uid: uids[2]!, scores: { tone: 3 }, note: 'مراجعة', reviewer: 'Luis' }, 3_000);
    const out = join(rig.dir, 'audit.xlsx');
    const store = await openSqliteStore({ dbPath: rig.dbPath, access: 'read', readers: 'on-demand' });
    const result = await exportAuditWorkbook(store, { filter: {}, format: 'xlsx', headers: 'api', outPath: out, zone: 'America/Bogota' });
    await store.close();
    // The Insights tables sit between Summary and Scorecard (checked against SQL in audit-workbook-insights.test.ts).
    assert.deepEqual(result.sheets, ['Interactions', 'Summary', ...Object.values(INSIGHTS_SHEETS), 'Scorecard']);
    const book = await readWorkbook(out);
    const rows = sheetRecords(book.sheet('Interactions'), '');
    const expected = db.prepare('SELECT * FROM interactions ORDER BY id DESC').all() as Record<string, unknown>[];
    assert.equal(rows.length, expected.length);
    const column = (f: string) => (f === 'from' ? 'from_addr' : f === 'to' ? 'to_addr' : f);
    const clean = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
    rows.forEach((row, i) => {
      for (const f of API_FIELDS) {
        if (f === 'date_creation' || f === 'close_date') continue;
        const want = clean(String(expected[i]![column(f)]));
        const got = String(row[f]);
        if (want.length <= 32_767) assert.equal(got, want, `row ${i} field ${f}`);
        else assert.ok(got.length <= 32_767 && got.startsWith(want.slice(0, 1000)));
      }
      if (expected[i]!.created_utc !== null) assert.ok(row.date_creation instanceof Date, 'dates are real Excel dates (numbers with a date format)');
    });
    const byUid = new Map(expected.map((e, i) => [e.uid as string, rows[i]!]));
    assert.equal(byUid.get(uids[0]!)!['Review status'], 'pass');
    assert.equal(byUid.get(uids[0]!)!['Overall score'], 90, 'weighted: tone 4 and response time 3 of 5');
    assert.equal(byUid.get(uids[0]!)!['Review note'], '=SUM(A1) looks like a formula', 'formula-like text stays text');
    assert.equal(byUid.get(uids[1]!)!['Review status'], 'fail', 'a failed critical attribute fails the review');
    assert.equal(byUid.get(uids[1]!)!['Tags'], 'coaching');
    assert.equal(byUid.get(uids[1]!)!['Review note'], 'No resolution 😞');
    assert.equal(byUid.get(uids[2]!)!['Reviewer'], 'Luis');
    // Scores are numeric cells Excel can average; yes/no answers stay readable text, as the Scorecard says.
    const sheet = book.sheet('Interactions');
    const header = sheetArrays(sheet)[0]!;
    const at = (uid: string, title: string) => {
      const column = header.indexOf(title);
      assert.ok(column >= 0, `column ${title}`);
      return cell(sheet, address(expected.findIndex((e) => e.uid === uid) + 2, column + 1));
    };
    for (const [title, value] of [['Understanding of the need', 5], ['Tone and courtesy', 4], ['Response time', 3], ['Overall score', 90]] as const) {
      assert.deepEqual([at(uids[0]!, title)?.t, at(uids[0]!, title)?.v], ['n', value], `${title}: a number cell`);
    }
    assert.deepEqual([at(uids[0]!, 'Greeting and identification')?.t, at(uids[0]!, 'Greeting and identification')?.v], ['s', 'Yes']);
    assert.deepEqual([at(uids[1]!, 'Resolution')?.t, at(uids[1]!, 'Resolution')?.v], ['s', 'No']);
    assert.equal(at(uids[2]!, 'Resolution'), undefined, 'not scored: an empty cell');
    const summary = sheetRecords(book.sheet('Summary'));
    const perAgent = db
      .prepare("SELECT i.agent_name AS agent, count(*) AS n, count(CASE WHEN r.status IN ('pass','fail') THEN 1 END) AS reviewed FROM interactions i LEFT JOIN reviews r ON r.interaction_uid = i.uid GROUP BY i.agent_name")
      .all() as { agent: string; n: number; reviewed: number }[];
    for (const a of perAgent) {
      const line = summary.find((s) => s.By === 'Agent' && s.Value === (a.agent || '(empty)'))!;
      assert.equal(line.Interactions, a.n, a.agent);
      assert.equal(line.Reviewed, a.reviewed, a.agent);
    }
    const total = summary.find((s) => s.By === 'Total')!;
    assert.equal(total.Interactions, expected.length);
    assert.equal(total.Reviewed, 2);
    assert.equal(total['Pass rate (%)'], 50);
    const scorecard = sheetRecords(book.sheet('Scorecard'));
    assert.ok(scorecard.some((s) => s['Attribute key'] === 'resolution' && s.Critical === 'yes'));
    assert.ok(scorecard.some((s) => s['Attribute key'] === 'greeting' && s['In the Interactions sheet'] === 'Text: Yes or No'));
    assert.ok(scorecard.some((s) => s['Attribute key'] === 'tone' && s['In the Interactions sheet'] === 'Number from 1 to 5'));

    // A reproducible sample, exported by name from the CLI.
    const candidates = () => selectRows<{ uid: string; agent_name: string; channel: string; status: string }>(db, {}, 'i.uid AS uid, i.agent_name AS agent_name, i.channel AS channel, i.status AS status');
    const sample = drawSample(db, { name: 'week 5', seed: 42, perAgent: 2, candidates: candidates() }, 4_000);
    const cli = await runCliProcess(['export', '--db', rig.dbPath, '--out', join(rig.dir, 'sample.xlsx'), '--reviews', '--sample', 'week 5', '--json'], {});
    assert.equal(cli.code, 0, cli.stderr);
    const sampleBook = await readWorkbook(join(rig.dir, 'sample.xlsx'));
    const members = sheetRecords(sampleBook.sheet('Interactions'));
    assert.equal(members.length, sample.memberCount);
    const missing = await runCliProcess(['export', '--db', rig.dbPath, '--out', join(rig.dir, 'none.xlsx'), '--sample', 'nope'], {});
    assert.equal(missing.code, 2);
  } finally {
    db.close();
  }
});
