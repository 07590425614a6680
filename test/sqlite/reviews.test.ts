import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import type { AppError } from '../../src-main/core/errors';
import { DEFAULT_SCORECARD } from '../../src-main/core/reviews';
import { getReview, reviewHistory, reviewStatusCounts, saveReview } from '../../src-main/core/store/sqlite/audit/reviews-sql';
import { activeScorecard, listScorecards, saveScorecard, scorecardVersion } from '../../src-main/core/store/sqlite/audit/scorecards-sql';
import { tempDir } from '../helpers/temp-dir';
import { insertInteractions, openTestDb, selected } from './reviews-fixtures';

const dir = tempDir('wolkvox-reviews-');
let n = 0;
const freshDb = () => openTestDb(join(dir, `reviews-${++n}.sqlite`));
const badInput = (pattern: RegExp) => (e: unknown) => (e as AppError).kind === 'bad-input' && pattern.test((e as Error).message);
const T0 = 1_700_000_100_000;

function seeded() {
  const db = freshDb();
  insertInteractions(db, [
    { id: 1 << 16, uid: 'u-1', agent_name: 'Ana', channel: 'Email', status: 'close', evaluation_survey: '5' },
    { id: 2 << 16, uid: 'u-2', agent_name: 'Ana', channel: 'whatsapp', status: 'open' },
    { id: 3 << 16, uid: 'u-3', agent_name: 'Luis', channel: 'Email', status: 'archived', evaluation_survey: '2' },
  ]);
  return db;
}

const ALL_GOOD = { greeting: true, understanding: 5, resolution: true, tone: 5, typification: true, response_time: 5 };

test('migration 2 replaces the placeholder and survives a reopen (checksum recorded)', () => {
  const path = join(dir, 'reopen.sqlite');
  openTestDb(path).close();
  const db = openTestDb(path);
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();
  for (const t of ['reviews', 'review_history', 'scorecards', 'samples', 'sample_members']) assert.ok(tables.includes(t), t);
  const columns = db.prepare("SELECT name FROM pragma_table_info('reviews')").pluck().all();
  assert.ok(columns.includes('scorecard_version') && !columns.includes('data'));
  assert.deepEqual(db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all(), [1, 2, 7, 10]);
  db.close();
});

test('the default scorecard is seeded once; saving makes a new version and never rewrites the old one', () => {
  const db = freshDb();
  const v1 = activeScorecard(db, T0);
  assert.equal(v1.version, 1);
  assert.equal(v1.id, 'default');
  assert.deepEqual(v1.attributes, DEFAULT_SCORECARD.attributes);
  assert.equal(activeScorecard(db, T0 + 1).createdAt, T0, 'not seeded twice');
  const v2 = saveScorecard(db, { name: 'Stricter', passMark: 90, attributes: [{ key: 'resolution', name: 'Resolution', weight: 1, scale: 'yes-no', critical: true }] }, T0 + 2);
  assert.equal(v2.version, 2);
  assert.equal(activeScorecard(db, T0 + 3).version, 2);
  assert.deepEqual(scorecardVersion(db, 'default', 1), v1);
  assert.equal(listScorecards(db).length, 2);
  assert.throws(() => db.prepare("UPDATE scorecards SET name = 'x'").run(), /immutable/);
  assert.throws(() => db.prepare('DELETE FROM scorecards').run(), /immutable/);
  assert.throws(() => saveScorecard(db, { name: 'Bad', attributes: [{ key: 'a', name: 'A', weight: 0, scale: 'yes-no' }] }, T0), badInput(/attributes\[0\]\.weight/));
});

test('save: overall score, in review while partial, critical fail decides, validation', () => {
  const db = seeded();
  let r = saveReview(db, { uid: 'u-1', reviewer: 'Marta', scores: { greeting: true, tone: 4 } }, T0);
  assert.equal(r.status, 'in review');
  assert.equal(r.overallScore, null, 'null until every attribute is scored');
  assert.equal(r.scorecardVersion, 1);
  r = saveReview(db, { uid: 'u-1', reviewer: 'Marta', scores: { understanding: 3, resolution: true, typification: false, response_time: 5 } }, T0 + 1);
  // (1*1 + 2*0.5 + 3*1 + 2*0.75 + 1*0 + 1*1) / 10 = 7.5 / 10
  assert.equal(r.overallScore, 75);
  // Issue 16: a complete review follows the rule (was: stayed 'in review' until the auditor chose).
  assert.equal(r.status, 'fail', '75 is under the pass mark of 80');
  assert.throws(() => saveReview(db, { uid: 'u-1', reviewer: 'Marta', status: 'pass' }, T0 + 2), badInput(/override and needs a reason/));
  r = saveReview(db, { uid: 'u-1', reviewer: 'Marta', status: 'pass', reason: 'Typification was right for this campaign' }, T0 + 2);
  assert.equal(r.status, 'pass');
  assert.equal(r.computedStatus, 'fail');
  assert.deepEqual(r.override, { status: 'pass', reason: 'Typification was right for this campaign' });
  assert.deepEqual(getReview(db, 'u-1'), r);
  assert.equal(db.pragma('synchronous', { simple: true }), 1, "the store's NORMAL level is restored after the durable commit");

  r = saveReview(db, { uid: 'u-2', reviewer: 'Marta', scores: { ...ALL_GOOD, resolution: false } }, T0 + 3);
  assert.equal(r.status, 'fail', 'a failed critical attribute fails the review on its own');
  assert.equal(r.overallScore, 70);
  assert.throws(() => saveReview(db, { uid: 'u-2', reviewer: 'Marta', status: 'pass' }, T0 + 4), badInput(/answers give "fail"/));
  assert.equal(getReview(db, 'u-2')!.status, 'fail');
  r = saveReview(db, { uid: 'u-2', reviewer: 'Marta', scores: { resolution: null } }, T0 + 5);
  assert.equal(r.overallScore, null);
  assert.equal(r.status, 'in review');
  assert.equal(r.scores.resolution, undefined);

  assert.throws(() => saveReview(db, { uid: 'nope', reviewer: 'Marta', note: 'x' }, T0), badInput(/no interaction "nope"/));
  assert.throws(() => saveReview(db, { uid: 'u-3', reviewer: 'Marta', scores: { tone: 6 } }, T0), badInput(/whole number from 1 to 5/));
  assert.throws(() => saveReview(db, { uid: 'u-3', reviewer: 'Marta', scores: { greeting: 1 } }, T0), badInput(/yes or no/));
  assert.throws(() => saveReview(db, { uid: 'u-3', reviewer: 'Marta', scores: { empathy: 3 } }, T0), badInput(/"empathy" is not an attribute/));
  assert.throws(() => saveReview(db, { uid: 'u-3', reviewer: 'Marta', note: 'x'.repeat(20_001) }, T0), badInput(/note/));
  assert.throws(() => saveReview(db, { uid: 'u-3', reviewer: 'Marta', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, T0), badInput(/at most 20 tags/));
  assert.throws(() => saveReview(db, { uid: 'u-3', reviewer: 'Marta', tags: ['x'.repeat(41)] }, T0), badInput(/40 characters/));
  assert.throws(() => saveReview(db, { uid: 'u-3', reviewer: ' ', note: 'n' }, T0), badInput(/reviewer/));
  assert.throws(() => saveReview(db, { uid: 'u-3', reviewer: 'M', status: 'done' as never }, T0), badInput(/status/));
  assert.equal(getReview(db, 'u-3'), undefined, 'nothing half-saved');
  assert.equal(saveReview(db, { uid: 'u-3', reviewer: 'M', note: 'x'.repeat(20_000), tags: ['Escalate', 'escalate ', ' VIP'] }, T0).tags.join('|'), 'Escalate|VIP');
});

test('history: every change with who, what and when; a save that changes nothing writes nothing', () => {
  const db = seeded();
  saveReview(db, { uid: 'u-1', reviewer: 'Marta', scores: { tone: 3 }, note: 'first look' }, T0);
  saveReview(db, { uid: 'u-1', reviewer: 'Jorge', scores: { tone: 4 }, tags: ['coaching'] }, T0 + 10);
  saveReview(db, { uid: 'u-1', reviewer: 'Jorge', scores: { tone: 4 }, tags: ['coaching'] }, T0 + 20);
  const history = reviewHistory(db, 'u-1');
  assert.equal(history.length, 2);
  assert.deepEqual(
    history.map((h) => [h.action, h.reviewer, h.changedAt]),
    [
      ['create', 'Marta', T0],
      ['update', 'Jorge', T0 + 10],
    ],
  );
  assert.deepEqual(history[0]!.changes, {
    scorecard: { from: null, to: 'default@1' },
    status: { from: 'unreviewed', to: 'in review' },
    'scores.tone': { from: null, to: 3 },
    note: { from: '', to: 'first look' },
  });
  assert.deepEqual(history[1]!.changes, { 'scores.tone': { from: 3, to: 4 }, tags: { from: [], to: ['coaching'] } });
  assert.equal(getReview(db, 'u-1')!.updatedAt, T0 + 10);
  assert.equal(getReview(db, 'u-1')!.createdAt, T0);
  assert.throws(() => db.prepare('DELETE FROM review_history').run(), /append-only/);
});

test('a scorecard change keeps past reviews on their version, with their score, until re-scored', () => {
  const db = seeded();
  const old = saveReview(db, { uid: 'u-1', reviewer: 'Marta', scores: { ...ALL_GOOD, tone: 1 }, status: 'pass' }, T0);
  assert.equal(old.overallScore, 80);
  const v2 = saveScorecard(
    db,
    {
      name: 'Care v2',
      attributes: [
        { key: 'tone', name: 'Tone', weight: 5, scale: '1-5' },
        { key: 'resolution', name: 'Resolution', weight: 1, scale: '1-5', critical: true },
        { key: 'empathy', name: 'Empathy', weight: 1, scale: 'yes-no' },
      ],
    },
    T0 + 1,
  );
  assert.deepEqual(getReview(db, 'u-1'), old, 'untouched by the new version');
  const edited = saveReview(db, { uid: 'u-1', reviewer: 'Jorge', note: 'checked again' }, T0 + 2);
  assert.equal(edited.scorecardVersion, 1);
  assert.equal(edited.overallScore, 80);
  assert.throws(() => saveReview(db, { uid: 'u-1', reviewer: 'Jorge', scores: { empathy: true } }, T0 + 3), badInput(/not an attribute of scorecard "Chat and email care" version 1/));

  const fresh = saveReview(db, { uid: 'u-3', reviewer: 'Marta', scores: { empathy: true } }, T0 + 4);
  assert.equal(fresh.scorecardVersion, v2.version);

  const moved = saveReview(db, { uid: 'u-1', reviewer: 'Jorge', rescore: true, scores: { resolution: 5, empathy: false } }, T0 + 5);
  assert.equal(moved.scorecardVersion, 2);
  assert.deepEqual(moved.scores, { tone: 1, resolution: 5, empathy: false }, 'tone kept (same scale), resolution changed scale so re-entered');
  assert.equal(moved.overallScore, Math.round(((5 * 0 + 1 * 1 + 0) / 7) * 10000) / 100);
  // Issue 16: the result follows the new version's scores (was: the old explicit 'pass' stayed).
  assert.equal(moved.status, 'fail');
  const last = reviewHistory(db, 'u-1').at(-1)!;
  assert.equal(last.action, 'rescore');
  assert.deepEqual(last.changes.scorecard, { from: 'default@1', to: 'default@2' });
});

test('a review survives a re-sync that rewrites and re-numbers the reviewed interaction', () => {
  const db = seeded();
  const before = saveReview(db, { uid: 'u-2', reviewer: 'Marta', scores: ALL_GOOD, status: 'pass', note: 'good' }, T0);
  // What a re-sync does: new field values, and a new id when the creation second moves.
  db.prepare(`UPDATE interactions SET id = ?, status = 'close', agent_name = 'Ana María', evaluation_survey = '4', answer = 'done', updated_at = 9 WHERE uid = 'u-2'`).run(
    99 << 16,
  );
  assert.deepEqual(getReview(db, 'u-2'), before);
  const counts = reviewStatusCounts(db, selected({ agents: ['Ana María'] }));
  assert.equal(counts.total, 1);
  assert.equal(counts.pass, 1);
  assert.equal(saveReview(db, { uid: 'u-2', reviewer: 'Marta', note: 'still here' }, T0 + 1).overallScore, 100);
});

test('a review saved right before kill -9 is there after reopening, and the file is intact', async () => {
  const path = join(dir, 'killed.sqlite');
  const setup = openTestDb(path);
  insertInteractions(setup, [{ id: 5 << 16, uid: 'u-k', agent_name: 'Ana', channel: 'Email', status: 'open' }]);
  setup.close();
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/sqlite/reviews-kill-child.ts', path, 'u-k'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('saved')) resolve();
    });
    child.once('exit', () => reject(new Error(`child exited before saving: ${out}`)));
  });
  child.kill('SIGKILL');
  assert.equal(await exited, 'SIGKILL');
  const db = openTestDb(path);
  assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  const review = getReview(db, 'u-k');
  // Issue 16: one critical "No" on a partly scored review waits for the other answers (was: 'fail').
  assert.equal(review?.status, 'in review');
  assert.equal(review?.note, 'saved right before the kill');
  assert.equal(reviewHistory(db, 'u-k').length, 1);
  db.close();
});

test('progress counts for the whole cache and for a set agree with a count by hand', () => {
  const db = seeded();
  saveReview(db, { uid: 'u-1', reviewer: 'M', scores: ALL_GOOD }, T0);
  saveReview(db, { uid: 'u-2', reviewer: 'M', scores: { tone: 3 } }, T0);
  // A review whose interaction is not (or no longer) in the cache must not count for the whole cache.
  db.prepare("INSERT INTO reviews (interaction_uid, status, scorecard_id, scorecard_version, reviewer, created_at, updated_at) VALUES ('gone', 'fail', 'default', 1, 'M', 0, 0)").run();
  assert.deepEqual(reviewStatusCounts(db), { total: 3, unreviewed: 1, inReview: 1, pass: 1, fail: 0, reviewed: 1, overridden: 0 });
  assert.deepEqual(reviewStatusCounts(db, selected({ channels: ['Email'] })), { total: 2, unreviewed: 1, inReview: 0, pass: 1, fail: 0, reviewed: 1, overridden: 0 });
  assert.deepEqual(reviewStatusCounts(db, selected({ agents: ['Ana'] })), { total: 2, unreviewed: 0, inReview: 1, pass: 1, fail: 0, reviewed: 1, overridden: 0 });
  assert.deepEqual(reviewStatusCounts(db, selected({ agents: ['Nadie'] })), { total: 0, unreviewed: 0, inReview: 0, pass: 0, fail: 0, reviewed: 0, overridden: 0 });
});

test('a save blocked by another writer fails as a storage error and writes nothing; saves nest in a batch transaction', () => {
  const path = join(dir, 'busy.sqlite');
  const db = openTestDb(path);
  insertInteractions(db, [{ id: 7 << 16, uid: 'u-b', agent_name: 'Ana', channel: 'Email', status: 'open' }]);
  activeScorecard(db, T0);
  db.pragma('busy_timeout = 50');
  const other = openTestDb(path);
  other.prepare('BEGIN IMMEDIATE').run();
  assert.throws(() => saveReview(db, { uid: 'u-b', reviewer: 'M', scores: ALL_GOOD }, T0), (e: unknown) => (e as AppError).kind === 'storage' && /could not be saved/.test((e as Error).message));
  other.prepare('ROLLBACK').run();
  other.close();
  assert.equal(getReview(db, 'u-b'), undefined);

  insertInteractions(db, [{ id: 8 << 16, uid: 'u-c', agent_name: 'Ana', channel: 'Email', status: 'open' }]);
  const batch = db.transaction((uids: string[]) => uids.map((uid) => saveReview(db, { uid, reviewer: 'M', scores: ALL_GOOD }, T0)));
  assert.throws(() => batch(['u-b', 'u-c', 'missing']), badInput(/no interaction "missing"/));
  assert.equal(getReview(db, 'u-b'), undefined, 'the whole batch rolled back');
  assert.deepEqual(batch(['u-b', 'u-c']).map((r) => r.status), ['pass', 'pass']);
  db.close();
});
