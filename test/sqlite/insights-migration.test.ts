import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openDatabase } from '../../src-main/core/store/sqlite/connection/database';
import { createInsightsReader } from '../../src-main/core/store/sqlite/insights/insights';
import { MIGRATIONS } from '../../src-main/core/store/sqlite/migrations/migrations';
import { checkInsights } from './insights-check';
import { freshDbPath, NOW, recordOf, upsertBatch } from '../integration/store-fixtures';
import { insertOldReview } from '../helpers/old-reviews';

test('a cache made before migration 6 opens with its rows and reviews intact, unstamped; Insights read it, and rows written after are stamped and followed', () => {
  const path = freshDbPath('wolkvox-insights-mig-');
  const old = openDatabase(path, { migrations: MIGRATIONS.filter((m) => m.version < 6), now: () => NOW });
  upsertBatch(old, [
    recordOf({ agent_name: 'Ana', date_creation: '2026-03-02 10:00:00', close_date: '2026-03-02 11:30:00', status: 'close', evaluation_survey: '4' }),
    recordOf({ agent_name: 'Luis', date_creation: '2026-03-03 09:00:00', subject: 'factura' }),
    recordOf({ agent_name: 'Ana', date_creation: 'sin fecha' }),
  ]);
  const uid = old.prepare("SELECT uid FROM interactions WHERE agent_name = 'Luis'").pluck().get() as string;
  insertOldReview(old, { uid, reviewer: 'Marta', status: 'pass', at: NOW });
  old.close();

  const db = openDatabase(path, { now: () => NOW + 1 });
  try {
    assert.deepEqual(db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all(), MIGRATIONS.map((m) => m.version));
    assert.equal(db.prepare('SELECT count(*) FROM interactions WHERE change_seq IS NULL').pluck().get(), 3, 'rows from before carry no stamp');
    assert.equal(db.prepare('SELECT seq FROM change_counter').pluck().get(), 0);
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');

    const reader = openDatabase(path, { readonly: true });
    try {
      const charts = createInsightsReader(reader);
      const got = charts.insights({}, 'America/Bogota');
      assert.equal(got.total, 3);
      assert.equal(got.audit.total.reviewed, 1);
      checkInsights(db, got, {}, 'America/Bogota');

      upsertBatch(db, [recordOf({ agent_name: 'Zoe', date_creation: '2026-03-04 08:00:00' })]);
      assert.deepEqual(db.prepare('SELECT agent_name, change_seq FROM interactions WHERE change_seq IS NOT NULL').all(), [{ agent_name: 'Zoe', change_seq: 1 }]);
      const after = charts.insights({}, 'America/Bogota');
      assert.equal(after.total, 4);
      checkInsights(db, after, {}, 'America/Bogota');
      assert.equal(charts.footprint().rows, 4);
    } finally {
      reader.close();
    }
  } finally {
    db.close();
  }
});
