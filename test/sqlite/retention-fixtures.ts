/**
 * A cache with two servers for the retention and purge tests: real SQLite, rows written the way a sync
 * writes them (runs, windows, checkpoints, call log), changed versions (history), reviews, review history
 * and a sample.
 */
import { saveReview } from '../../src-main/core/store/sqlite/audit/reviews-sql';
import { drawSample } from '../../src-main/core/store/sqlite/audit/samples-sql';
import type { Db } from '../../src-main/core/store/sqlite/connection/database';
import { createSyncLog } from '../../src-main/core/store/sqlite/writes/sync-log';
import type { IncomingRecord } from '../../src-main/core/wolkvox/fields';
import { changed, recordOf, ZONE } from '../integration/store-fixtures';
import { FAILING_SCORES, PASSING_SCORES } from '../helpers/review-scores';

export const DAY = 86_400_000;
export const A = '0032';
export const B = '0077';
/** 2026-03-01 12:00 in Bogota. */
export const NOW = Date.UTC(2026, 2, 1, 17);
/** Days back at which each server has rows. */
export const AGES = [1, 5, 20, 40, 100] as const;

/** A creation date `days` before NOW, as the API writes it (Bogota clock). */
export function dateDaysAgo(days: number): string {
  return new Date(NOW - days * DAY - 5 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

export interface Seeded {
  /** uid by server and age in days (two rows per age: [0] and [1]). */
  uids: Record<string, Record<number, [string, string]>>;
  /** The row of server A with no readable creation date, first synced 60 days before NOW. */
  undated: string;
}

function commit(db: Db, server: string, records: IncomingRecord[], at: number): void {
  const log = createSyncLog(db);
  const runId = log.startRun({ server, mode: 'range', rangeStartUtc: NOW - 200 * DAY, rangeEndUtc: at, startedAt: at });
  log.commitWindow({
    runId, records, server, zone: ZONE, now: at, cursorUtc: at,
    call: { server, windowStartUtc: NOW - 200 * DAY, windowEndUtc: at, startedAt: at, durationMs: 10, outcome: 'ok', rows: records.length },
  });
  log.finishRun(runId, 'done', at + 1);
}

export function seed(db: Db): Seeded {
  const uids: Seeded['uids'] = {};
  const uidOf = (r: IncomingRecord) =>
    db.prepare('SELECT uid FROM interactions WHERE case_id = ? AND date_creation = ?').pluck().get(r.fields.case_id, r.fields.date_creation) as string;
  // The undated row arrives in a sync 60 days ago (its age counts from then).
  const undated = recordOf({ date_creation: '', body: 'Sin fecha legible retenzuno' });
  commit(db, A, [undated], NOW - 60 * DAY);
  for (const server of [A, B]) {
    const records = AGES.flatMap((age) => [0, 1].map((i) => recordOf({ date_creation: dateDaysAgo(age), body: `Mensaje retenzuno ${server} ${age} ${i}`, agent_name: i ? 'Luis' : 'Ana' })));
    commit(db, server, records, NOW - DAY / 2);
    // A later sync changed some of them: their old versions are history.
    commit(db, server, [changed(records[0]!, { status: 'close' }), changed(records[6]!, { status: 'close' }), changed(records[8]!, { status: 'close' })], NOW - DAY / 4);
    uids[server] = {};
    AGES.forEach((age, k) => (uids[server]![age] = [uidOf(records[2 * k]!), uidOf(records[2 * k + 1]!)]));
  }
  // Reviews: on old rows of both servers (pass, in review, explicitly unreviewed), and a recent one.
  const a = uids[A]!;
  saveReview(db, { uid: a[40]![0], scores: PASSING_SCORES, note: 'Buen trabajo, cliente María', reviewer: 'Ana' }, NOW - 30 * DAY);
  saveReview(db, { uid: a[40]![0], note: 'Revisado otra vez', reviewer: 'Ana' }, NOW - 29 * DAY);
  saveReview(db, { uid: a[100]![0], note: 'Falta saludo', reviewer: 'Luis' }, NOW - 90 * DAY);
  saveReview(db, { uid: a[100]![1], status: 'unreviewed', reviewer: 'Luis' }, NOW - 90 * DAY);
  saveReview(db, { uid: a[1]![0], scores: FAILING_SCORES, note: 'Reciente', reviewer: 'Ana' }, NOW - DAY / 8);
  saveReview(db, { uid: uids[B]![100]![0], scores: PASSING_SCORES, note: 'Otro servidor', reviewer: 'Ana' }, NOW - 90 * DAY);
  const candidates = db.prepare('SELECT uid, agent_name, channel, status FROM interactions').all() as { uid: string; agent_name: string; channel: string; status: string }[];
  drawSample(db, { name: 'todas', seed: 7, perAgent: 100, candidates }, NOW - DAY / 8);
  return { uids, undated: uidOf(undated) };
}

/** Every row of the tables a purge may touch, for before/after comparisons. */
export function snapshot(db: Db) {
  const all = (sql: string) => db.prepare(sql).all();
  return {
    interactions: all('SELECT * FROM interactions ORDER BY id') as { id: number; uid: string; server: string }[],
    history: all('SELECT * FROM interaction_history ORDER BY id') as { interaction_id: number }[],
    reviews: all('SELECT * FROM reviews ORDER BY interaction_uid') as { interaction_uid: string; status: string }[],
    reviewHistory: all('SELECT * FROM review_history ORDER BY id') as { interaction_uid: string }[],
    sampleMembers: all('SELECT * FROM sample_members ORDER BY sample_id, interaction_uid') as { interaction_uid: string }[],
    syncRuns: all('SELECT * FROM sync_runs ORDER BY id'),
    syncCalls: all('SELECT * FROM sync_calls ORDER BY id'),
    samples: all('SELECT * FROM samples ORDER BY id'),
    scorecards: all('SELECT * FROM scorecards ORDER BY seq'),
  };
}

/** Ids the full-text index finds for a word. */
export function searchIds(db: Db, word: string): number[] {
  return db.prepare('SELECT rowid FROM interactions_fts WHERE interactions_fts MATCH ? ORDER BY rowid').pluck().all(word) as number[];
}
