// The team cache and the SQLite cache answer the audit alike from the same rows: a sample drawn with the
// same seed and rule has the same members in the same order (the draw is core/reviews/sampling.ts over
// the decoded candidates, whatever each backend stores), and the same reviews give the same progress and
// workbook summary. Agent names are hostile on purpose (U+0000, U+E000, accents, emoji, only spaces).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openSqliteStore } from '../../../src-main/core/store/sqlite/sqlite-store';
import type { Store } from '../../../src-main/core/store/store';
import { syncRecords } from '../../contract/sync-helpers';
import { startPostgres } from '../../helpers/postgres-server';
import { openPgStore } from '../../helpers/postgres-store';
import { FAILING_SCORES, PASSING_SCORES } from '../../helpers/review-scores';
import { freshDbPath, NOW, recordOf } from '../store-fixtures';

const server = await startPostgres();
const AGENTS = ['Ana', 'Zoë', 'nul\u0000agent', 'private\uE000use', 'ñandú 😀', '  ', 'Émile', 'ana'];

const records = Array.from({ length: 120 }, (_, i) =>
  recordOf({
    agent_name: AGENTS[(i * 7) % AGENTS.length]!,
    channel: ['Email', 'Chat', 'whats\u0000app'][i % 3]!,
    status: ['open', 'close', 'archived'][Math.floor(i / 3) % 3]!,
    evaluation_survey: ['', '5', '3', 'x'][i % 4]!,
    date_creation: `2026-01-${String(1 + (i % 28)).padStart(2, '0')} ${String(8 + (i % 10)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00`,
  }),
);

async function filled(store: Store): Promise<Store> {
  await syncRecords(store, records);
  const uids = (await store.page({ limit: 1000, sort: { field: 'created', dir: 'asc' } })).rows.map((r) => r.uid);
  for (const [i, uid] of uids.entries()) {
    if (i % 5 === 0) await store.saveReview({ uid, reviewer: 'qa', scores: PASSING_SCORES }, NOW);
    else if (i % 7 === 0) await store.saveReview({ uid, reviewer: 'qa', scores: FAILING_SCORES }, NOW);
    else if (i % 11 === 0) await store.saveReview({ uid, reviewer: 'qa', scores: PASSING_SCORES, override: { status: 'fail', reason: 'by phone' } }, NOW);
    else if (i % 13 === 0) await store.saveReview({ uid, reviewer: 'qa', note: 'later' }, NOW);
  }
  return store;
}

test('the same rows, seed and rule draw the same sample; the same reviews give the same progress and summary', async () => {
  const sqlite = await filled(await openSqliteStore({ dbPath: freshDbPath('wolkvox-parity-'), now: () => NOW, readers: 'on-demand' }));
  const pg = await filled(await openPgStore(server, server.createDatabase('parity'), () => NOW));
  try {
    const rules = [
      { unit: 'count', amount: 2, perAgent: true, by: 'channel', skipReviewed: false, skipOpen: false, skipNoAgent: false },
      { unit: 'percent', amount: 30, perAgent: true, by: 'status', skipReviewed: true, skipOpen: true, skipNoAgent: true },
      { unit: 'percent', amount: 12.5, perAgent: false, by: null, skipReviewed: false, skipOpen: false, skipNoAgent: false },
    ] as const;
    const filters = [{}, { channels: ['whats\u0000app', 'Chat'] }, { agents: ['nul\u0000agent', 'Zoë'] }];
    for (const [k, rule] of rules.entries()) {
      for (const [f, filter] of filters.entries()) {
        const draw = { name: `s${k}-${f}`, seed: `seed ${k}`, rule, filter };
        assert.deepEqual(await pg.previewSample(filter, rule), await sqlite.previewSample(filter, rule), `preview ${k}/${f}`);
        const [a, b] = [await sqlite.drawSample(draw, NOW), await pg.drawSample(draw, NOW)];
        assert.deepEqual({ ...b, id: 0 }, { ...a, id: 0 }, `sample ${k}/${f}`);
        assert.deepEqual(await pg.sampleMembers(b.id), await sqlite.sampleMembers(a.id), `members ${k}/${f}`);
      }
    }
    for (const filter of [...filters, { reviewStatuses: ['pass' as const, 'unreviewed' as const] }]) {
      assert.deepEqual(await pg.reviewCounts(filter), await sqlite.reviewCounts(filter));
      assert.deepEqual(await pg.auditSummary(filter), await sqlite.auditSummary(filter));
    }
    const pageOf = async (store: Store) => (await store.page({ limit: 1000, sort: { field: 'created', dir: 'asc' } })).rows.map((r) => r.uid);
    const all = await pageOf(sqlite);
    assert.deepEqual(await pageOf(pg), all);
    assert.deepEqual(await pg.reviewRows(all), await sqlite.reviewRows(all));
    assert.deepEqual(await pg.reviewMarks(all), await sqlite.reviewMarks(all));
  } finally {
    await Promise.all([sqlite.close(), pg.close()]);
  }
});
