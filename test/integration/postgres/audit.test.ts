// The audit part of the team cache where PostgreSQL differs from one SQLite file: several stores (several
// desktops) write the same reviews and scorecards at once. Races are made real by a held lock: a third
// connection holds a table lock that the first writer meets inside its transaction, and the test waits
// (on pg_locks, never on time) until both writers are blocked before it lets go.
// Also: review texts with U+0000 are stored exactly, and a store opened to read only saves nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAppError } from '../../../src-main/core/errors';
import { connectPostgres, type PgConnection } from '../../../src-main/core/store/postgres/connection';
import type { Store } from '../../../src-main/core/store/store';
import { syncRecords } from '../../contract/sync-helpers';
import { startPostgres } from '../../helpers/postgres-server';
import { openPgStore, pgConfigOf } from '../../helpers/postgres-store';
import { PASSING_SCORES } from '../../helpers/review-scores';
import { NOW, recordOf } from '../store-fixtures';

const server = await startPostgres();
const noFile = (path: string): string => assert.fail(`no CA file expected, asked for ${path}`);

/** Two stores on one new database (two desktops), `uids` interactions synced; closed after `body`. */
async function withTwoStores(uids: number, body: (a: Store, b: Store, database: string, rows: string[]) => Promise<void>): Promise<void> {
  const database = server.createDatabase('audit');
  const a = await openPgStore(server, database, () => NOW);
  const b = await openPgStore(server, database, () => NOW);
  try {
    await syncRecords(a, Array.from({ length: uids }, (_, i) => recordOf({ agent_name: `Agent ${i}`, date_creation: `2026-01-0${1 + i} 10:00:00` })));
    const rows = (await a.page({ limit: uids, sort: { field: 'created', dir: 'asc' } })).rows.map((r) => r.uid);
    await body(a, b, database, rows);
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
}

/** A connection that holds `LOCK TABLE … IN EXCLUSIVE MODE` (reads pass, writes wait) until released. */
async function holdWrites(database: string, table: string) {
  const holder: PgConnection = await connectPostgres(pgConfigOf(server, database), noFile);
  await holder.query('BEGIN');
  await holder.query(`LOCK TABLE wolkvox.${table} IN EXCLUSIVE MODE`);
  return {
    /** Resolves once `n` lock requests in this database wait (a writer blocked on the table or behind another writer). */
    async waiters(n: number): Promise<void> {
      for (;;) {
        const [row] = await holder.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())',
        );
        if (row!.n >= n) return;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async release(): Promise<void> {
      await holder.query('COMMIT');
      await holder.close();
    },
  };
}

test('two stores saving the same new review at once both land, in order: two history rows, nothing lost', () =>
  withTwoStores(2, async (a, b, database, [uid]) => {
    await a.activeScorecard(NOW);
    const held = await holdWrites(database, 'reviews');
    const first = a.saveReview({ uid: uid!, reviewer: 'Marta', scores: { tone: 3 } }, NOW);
    await held.waiters(1); // Marta's save holds the interaction's turn and waits for the table
    const second = b.saveReview({ uid: uid!, reviewer: 'Jorge', note: 'second look', tags: ['coaching'] }, NOW + 1);
    await held.waiters(2); // Jorge's waits for Marta's
    await held.release();
    const [mine, theirs] = await Promise.all([first, second]);
    assert.deepEqual([mine.scores, mine.note], [{ tone: 3 }, '']);
    assert.deepEqual([theirs.scores, theirs.note, theirs.tags, theirs.reviewer], [{ tone: 3 }, 'second look', ['coaching'], 'Jorge'], 'the second save patched the first');
    for (const store of [a, b]) assert.deepEqual(await store.getReview(uid!), theirs);
    const history = await b.reviewHistory(uid!);
    assert.deepEqual(history.map((h) => [h.action, h.reviewer, h.changedAt]), [['create', 'Marta', NOW], ['update', 'Jorge', NOW + 1]]);
    assert.deepEqual(history[1]!.changes, { note: { from: '', to: 'second look' }, tags: { from: [], to: ['coaching'] } });
  }));

test('two stores changing the same existing review at once: each change is kept and recorded once', () =>
  withTwoStores(2, async (a, b, database, [uid]) => {
    await a.saveReview({ uid: uid!, reviewer: 'Marta', scores: { tone: 2 } }, NOW);
    const held = await holdWrites(database, 'reviews');
    const first = b.saveReview({ uid: uid!, reviewer: 'Jorge', scores: PASSING_SCORES }, NOW + 1);
    await held.waiters(1);
    const second = a.saveReview({ uid: uid!, reviewer: 'Marta', note: 'agreed' }, NOW + 2);
    await held.waiters(2);
    await held.release();
    await Promise.all([first, second]);
    const review = (await a.getReview(uid!))!;
    assert.deepEqual([review.scores, review.note, review.status], [PASSING_SCORES, 'agreed', 'pass']);
    const history = await a.reviewHistory(uid!);
    assert.deepEqual(history.map((h) => [h.action, h.reviewer]), [['create', 'Marta'], ['update', 'Jorge'], ['update', 'Marta']]);
    assert.deepEqual(Object.keys(history[2]!.changes), ['note'], 'the last save saw the one before');
  }));

test('two stores asking for the active scorecard of an empty cache at once end with one default', () =>
  withTwoStores(1, async (a, b, database) => {
    const held = await holdWrites(database, 'scorecards');
    const asked = [a.activeScorecard(NOW, 'es'), b.activeScorecard(NOW + 1, 'es')];
    await held.waiters(2); // one seeds and waits for the table, the other waits for its turn
    await held.release();
    const [one, other] = await Promise.all(asked);
    assert.deepEqual(other, one);
    assert.deepEqual(await a.listScorecards(), [one]);
    assert.equal(one!.version, 1);
    assert.deepEqual(await b.activeScorecard(NOW + 2, 'en'), one, 'found, not seeded again');
  }));

test('two stores saving a version of one scorecard at once get consecutive versions', () =>
  withTwoStores(1, async (a, b, database) => {
    const base = await a.activeScorecard(NOW);
    const held = await holdWrites(database, 'scorecards');
    const input = (name: string) => ({ id: base.id, name, attributes: [{ key: 'tone', name: 'Tone', weight: 1, scale: '1-5' }] });
    const saved = [a.saveScorecard(input('A'), NOW + 1), b.saveScorecard(input('B'), NOW + 2)];
    await held.waiters(2);
    await held.release();
    const versions = (await Promise.all(saved)).map((c) => c.version).sort();
    assert.deepEqual(versions, [2, 3]);
    assert.deepEqual((await b.listScorecards()).map((c) => c.version), [3, 2, 1]);
  }));

test('two stores drawing samples of one name (in any letter case) at once: one is stored, the other told the name is taken', () =>
  withTwoStores(3, async (a, b, database) => {
    const held = await holdWrites(database, 'samples');
    const drawn = [a.drawSample({ name: 'Enero', seed: 1, perAgent: 1, filter: {} }, NOW), b.drawSample({ name: 'ENERO', seed: 2, perAgent: 1, filter: {} }, NOW)];
    await held.waiters(2); // both checked the name before either wrote it
    await held.release();
    const outcomes = await Promise.allSettled(drawn);
    assert.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 1);
    const refused = outcomes.find((o) => o.status === 'rejected')!.reason as unknown;
    assert.ok(isAppError(refused) && refused.kind === 'bad-input' && /already exists: choose another name/.test(refused.message), String(refused));
    assert.equal((await a.listSamples()).length, 1);
  }));

test('review texts are stored exactly, U+0000 included; a store opened to read only saves nothing', () =>
  withTwoStores(1, async (a, _b, database, [uid]) => {
    const note = 'nul \u0000 here, private \uE000 there, emoji 😀, <script>x</script>';
    const saved = await a.saveReview({ uid: uid!, reviewer: 'Zoë \u0000', note, tags: ['a\u0000b'], scores: PASSING_SCORES, override: { status: 'fail', reason: 'why \u0000' } }, NOW);
    const back = (await a.getReview(uid!))!;
    assert.deepEqual(back, saved);
    assert.deepEqual([back.note, back.tags, back.reviewer, back.override], [note, ['a\u0000b'], 'Zoë \u0000', { status: 'fail', reason: 'why \u0000' }]);
    assert.equal((await a.reviewHistory(uid!))[0]!.changes.note!.to, note);
    const sample = await a.drawSample({ name: 'Nul \u0000 sample', seed: 's\u0000', perAgent: 1, filter: {} }, NOW);
    assert.deepEqual([sample.name, sample.seed], ['Nul \u0000 sample', 's\u0000']);
    assert.equal((await a.sampleByName('nul \u0000 SAMPLE'))?.id, sample.id);

    const reader = await openPgStore(server, database, () => NOW, 'read');
    try {
      const readOnly = (e: unknown) => isAppError(e) && e.kind === 'storage' && /read only/.test(e.message);
      await assert.rejects(reader.saveReview({ uid: uid!, reviewer: 'qa', note: 'x' }, NOW), readOnly);
      await assert.rejects(reader.deleteSample(sample.id), readOnly);
      assert.deepEqual(await reader.getReview(uid!), back);
    } finally {
      await reader.close();
    }
  }));
