// The audit workbook's team sheets (reports/team-sheets.ts): an export of a sample that is split and
// calibrated ends with Assignments (progress per auditor) and Calibration (agreement per attribute and on
// the result, then each auditor); any other export has exactly the sheets it had.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { exportAuditWorkbook } from '../../src-main/core/reports/audit-workbook';
import { INSIGHTS_SHEETS } from '../../src-main/core/reports/insights-sheet';
import { openSqliteStore } from '../../src-main/core/store/sqlite/sqlite-store';
import { syncRecords } from '../contract/sync-helpers';
import { FAILING_SCORES, PASSING_SCORES } from '../helpers/review-scores';
import { tempDir } from '../helpers/temp-dir';
import { readWorkbook, sheetRecords } from './export-helpers';
import { freshDbPath, NOW, recordOf } from './store-fixtures';

test('a split, calibrated sample exports Assignments and Calibration sheets; other exports keep their sheets', async () => {
  const dir = tempDir('wolkvox-team-workbook-');
  const store = await openSqliteStore({ dbPath: freshDbPath('wolkvox-team-workbook-'), now: () => NOW, readers: 'on-demand' });
  try {
    await syncRecords(store, Array.from({ length: 8 }, (_, i) => recordOf({ agent_name: i % 2 ? 'Ana' : 'Luis', date_creation: `2026-01-0${1 + i} 10:00:00` })));
    const sample = await store.drawSample({ name: 'Week', seed: 's', perAgent: 2, filter: {} }, NOW);
    await store.assignSample(sample.id, ['bea', 'cy'], NOW);
    const bea = await store.assignedMembers(sample.id, 'bea');
    await store.saveReview({ uid: bea[0]!.uid, reviewer: 'bea', scores: PASSING_SCORES }, NOW);
    await store.saveReview({ uid: bea[1]!.uid, reviewer: 'bea', scores: FAILING_SCORES }, NOW);
    const calibration = await store.createCalibration({ name: 'Calib', sampleId: sample.id, auditors: ['bea', 'cy'] }, NOW);
    const [m1, m2] = await store.calibrationMembers(calibration.id);
    await store.saveCalibrationScore({ calibrationId: calibration.id, uid: m1!.uid, auditor: 'bea', scores: PASSING_SCORES }, NOW);
    await store.saveCalibrationScore({ calibrationId: calibration.id, uid: m1!.uid, auditor: 'cy', scores: { ...PASSING_SCORES, tone: 4 } }, NOW);
    await store.saveCalibrationScore({ calibrationId: calibration.id, uid: m2!.uid, auditor: 'bea', scores: PASSING_SCORES }, NOW);
    await store.saveCalibrationScore({ calibrationId: calibration.id, uid: m2!.uid, auditor: 'cy', scores: FAILING_SCORES }, NOW);

    const all = join(dir, 'all.xlsx');
    const plain = await exportAuditWorkbook(store, { filter: {}, format: 'xlsx', headers: 'api', outPath: all, zone: 'America/Bogota' });
    assert.deepEqual(plain.sheets, ['Interactions', 'Summary', ...Object.values(INSIGHTS_SHEETS), 'Scorecard'], 'not a sample: the sheets it always had');

    const api = join(dir, 'sample.xlsx');
    const result = await exportAuditWorkbook(store, { filter: { sampleId: sample.id }, format: 'xlsx', headers: 'api', outPath: api, zone: 'America/Bogota' });
    assert.deepEqual(result.sheets.slice(-3), ['Scorecard', 'Assignments', 'Calibration']);
    const book = await readWorkbook(api);
    assert.deepEqual(sheetRecords(book.sheet('Assignments'), null), [
      { Auditor: 'bea', Assigned: 2, Reviewed: 2, Passed: 1, Failed: 1, 'Pass rate (%)': 50 },
      { Auditor: 'cy', Assigned: 2, Reviewed: 0, Passed: 0, Failed: 0, 'Pass rate (%)': null },
    ]);
    const lines = sheetRecords(book.sheet('Calibration'), null);
    const line = (measure: string) => lines.find((l) => l['Attribute or auditor'] === measure)!;
    assert.deepEqual([line('Tone and courtesy').Compared, line('Tone and courtesy').Agreed, line('Tone and courtesy')['Agreement (%)']], [2, 1, 50]);
    assert.deepEqual([line('Greeting and identification').Compared, line('Greeting and identification').Agreed, line('Greeting and identification')['Agreement (%)']], [2, 2, 100]);
    assert.deepEqual([line('Result (pass or fail)').Compared, line('Result (pass or fail)').Agreed], [2, 1]);
    assert.deepEqual([line('Auditor: bea').Scored, line('Auditor: bea').Passed, line('Auditor: bea')['Average score']], [2, 2, 100]);
    assert.ok(lines.every((l) => l.Calibration === 'Calib'));

    const es = join(dir, 'muestra.xlsx');
    const friendly = await exportAuditWorkbook(store, { filter: { sampleId: sample.id }, format: 'xlsx', headers: 'friendly', language: 'es', outPath: es, zone: 'America/Bogota' });
    assert.deepEqual(friendly.sheets.slice(-2), ['Asignaciones', 'Calibración']);
  } finally {
    await store.close();
  }
});
