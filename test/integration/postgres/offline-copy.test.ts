// Offline audits with a team (issue 19, point 6), at the store level: a real PostgreSQL team cache
// (team init, an auditor's rights) and a real SQLite file on "this computer". A take copies the rows
// exactly (raw, content hash, instants, server, zone, hostile text), whole conversations, the team's
// reviews and scorecards, and the sample (or the auditor's part) so the workbook's rows and summary are
// the same offline; reviews made on the copy are pushed with the version rule; a team review changed
// meanwhile becomes a conflict with both kept; a take again refreshes the set; drop removes what it brought.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OFFLINE_MAX_INTERACTIONS } from '../../../src-main/core/api/contract';
import { gatherTake } from '../../../src-main/core/compose/team/offline/take';
import { pushAll } from '../../../src-main/core/compose/team/offline/push';
import { isAppError } from '../../../src-main/core/errors';
import { openSqliteStore } from '../../../src-main/core/store/sqlite/sqlite-store';
import type { Store } from '../../../src-main/core/store/store';
import type { InteractionDetail } from '../../../src-main/core/store/types';
import { syncRecords } from '../../contract/sync-helpers';
import { makeOfflineTeam } from '../../helpers/offline-team';
import { startPostgres } from '../../helpers/postgres-server';
import { openPgStore } from '../../helpers/postgres-store';
import { FAILING_SCORES, PASSING_SCORES } from '../../helpers/review-scores';
import { freshDbPath, NOW, recordOf } from '../store-fixtures';

const server = await startPostgres();
const team = await makeOfflineTeam(server);
const SOURCE = `ana@127.0.0.1:${server.port}/${team.database}`;

/** Every row of a store, whole, by uid, without the id (ids differ between caches). */
async function detailsByUid(store: Store): Promise<Map<string, Omit<InteractionDetail, 'id'>>> {
  const out = new Map<string, Omit<InteractionDetail, 'id'>>();
  for await (const batch of store.exportWalk({})) {
    for (const row of batch) {
      const { id: _id, ...detail } = (await store.interaction(row.id))!;
      out.set(row.uid, detail);
    }
  }
  return out;
}

const withoutIds = <T extends { id: number }>(rows: T[]) => rows.map(({ id: _id, ...rest }) => rest);
async function walk(store: Store, filter: Parameters<Store['exportWalk']>[0]) {
  const rows = [];
  for await (const batch of store.exportWalk(filter)) rows.push(...batch);
  return rows;
}

async function opened(t: { after(fn: () => Promise<void>): void }) {
  const ana = await team.open('ana');
  const lia = await team.open('lia');
  const local = await openSqliteStore({ dbPath: freshDbPath('wolkvox-offline-'), now: () => NOW, readers: 'on-demand' });
  t.after(async () => {
    await local.close();
    await ana.close();
    await lia.close();
  });
  return { ana, lia, local };
}

test('taking a sample copies its rows exactly, whole conversations, reviews, scorecards and the sample: the workbook rows and summary are the same', async (t) => {
  const { ana, lia, local } = await opened(t);
  const take = await gatherTake(ana, { kind: 'sample', sampleId: team.sampleId }, SOURCE);
  const set = await local.offline.take(take, NOW);
  const members = await lia.sampleMembers(team.sampleId);
  assert.equal(set.kind, 'sample');
  assert.equal(set.label, 'Semana 1');
  assert.equal(set.interactions, members.length);
  assert.equal(set.pending, 0);

  // Rows exactly as the team holds them (every field, raw record, hash, instants, server, zone).
  const teamRows = await detailsByUid(lia);
  const localRows = await detailsByUid(local);
  assert.ok(localRows.size > members.length, 'the rest of each conversation came along');
  for (const [uid, detail] of localRows) assert.deepEqual(detail, teamRows.get(uid), `row ${uid} as on the team`);
  assert.ok([...localRows.values()].some((d) => d.body.includes('\u0000')) && [...localRows.values()].some((d) => d.raw.includes('extra_field')), 'the hostile rows are among them');
  for (const m of members) {
    const row = teamRows.get(m.uid)!;
    assert.deepEqual(
      (await local.conversation(row.case_id, row.server)).map((r) => r.uid),
      (await lia.conversation(row.case_id, row.server)).map((r) => r.uid),
      'the conversation view works offline',
    );
  }

  // Reviews and scorecards: the team's, and the team's active scorecard is this computer's.
  const uids = [...localRows.keys()];
  assert.deepEqual(await local.reviewRows(uids), await lia.reviewRows(uids));
  assert.equal((await local.reviewRows(uids)).size, 1);
  const [active] = await lia.listScorecards();
  assert.deepEqual(await local.activeScorecard(NOW), active);

  // The sample is a sample here too: the workbook's rows (same order), reviews and summary are the same.
  const [copy] = await local.listSamples();
  assert.equal(copy!.name, 'Semana 1');
  assert.deepEqual(withoutIds(await walk(local, { sampleId: copy!.id })), withoutIds(await walk(lia, { sampleId: team.sampleId })));
  assert.deepEqual(await local.auditSummary({ sampleId: copy!.id }), await lia.auditSummary({ sampleId: team.sampleId }));
  assert.deepEqual(await local.reviewCounts({ sampleId: copy!.id }), await lia.reviewCounts({ sampleId: team.sampleId }));
  // The split as Ana sees it on the team (her own line): the workbook's Assignments sheet.
  const split = await ana.sampleAssignment(team.sampleId);
  assert.deepEqual(split.auditors.map((a) => a.auditor), ['ana']);
  assert.deepEqual(await local.sampleAssignment(copy!.id), { ...split, sampleId: copy!.id });
  assert.deepEqual((await local.assignedMembers(copy!.id, 'ana')).map((m) => [m.uid, m.position, m.status]), (await ana.assignedMembers(team.sampleId, 'ana')).map((m) => [m.uid, m.position, m.status]));

  // Dropped: the rows it brought go, and its sample.
  await local.offline.drop(set.id);
  assert.equal(await local.count({}), 0);
  assert.deepEqual(await local.listSamples(), []);
  assert.deepEqual(await local.offline.sets(), []);
});

test("an auditor's part: reviewed offline, pushed with the version rule; a review the team changed meanwhile is a conflict with both kept", async (t) => {
  const { ana, lia, local } = await opened(t);
  const bea = await team.open('bea');
  t.after(() => bea.close());
  const set = await local.offline.take(await gatherTake(ana, { kind: 'assignment', sampleId: team.sampleId }, SOURCE), NOW);
  assert.equal(set.interactions, team.parts.ana.length);
  const [mine] = await local.listSamples();
  assert.equal(mine!.memberCount, team.parts.ana.length, "the sample here is Ana's part");
  assert.deepEqual((await local.assignedMembers(mine!.id, 'ana')).map((m) => m.uid), team.parts.ana, 'assigned to her');
  const [reviewedByBea, fresh, other] = team.parts.ana;

  // Offline, on this computer's copy: a new review, and an edit of the one Bea made.
  await local.saveReview({ uid: fresh!, reviewer: 'ana', scores: FAILING_SCORES, note: 'offline <b>x</b> 😀', tags: ['offline'] }, NOW + 1);
  await local.saveReview({ uid: reviewedByBea!, reviewer: 'ana', note: 'de Ana' }, NOW + 2);
  await local.saveReview({ uid: other!, reviewer: 'ana', scores: PASSING_SCORES }, NOW + 3);
  assert.equal((await local.offline.pending()).length, 3);
  assert.equal((await local.offline.sets())[0]!.pending, 3);
  await assert.rejects(local.offline.drop(set.id), (e: unknown) => isAppError(e) && e.kind === 'bad-input' && /3 reviews not yet sent/.test(e.message));
  // Meanwhile Bea changes hers on the team cache.
  await bea.saveReview({ uid: reviewedByBea!, reviewer: 'bea', note: 'Bea otra vez', baseVersion: 1 }, NOW + 4);

  const run = await pushAll({ team: ana, local, reviewer: 'ana', now: () => NOW + 5 });
  assert.equal(run.error, null);
  assert.deepEqual(run.result, { pushed: 2, conflicts: 1, left: 0 });
  const sent = (await lia.getReview(fresh!))!;
  assert.equal(sent.version, 1);
  assert.equal(sent.reviewer, 'ana');
  assert.equal(sent.note, 'offline <b>x</b> 😀');
  assert.deepEqual(sent.scores, (await local.getReview(fresh!))!.scores);
  assert.deepEqual(await local.getReview(fresh!), sent, "this computer's copy is the team's review now");
  assert.deepEqual((await lia.reviewHistory(fresh!)).map((h) => [h.action, h.reviewer]), [['create', 'ana']]);

  const [conflict] = await local.offline.conflicts();
  assert.equal(conflict!.uid, reviewedByBea);
  assert.equal(conflict!.mine.note, 'de Ana');
  assert.equal(conflict!.theirs.note, 'Bea otra vez');
  assert.equal(conflict!.theirs.version, 2);
  assert.equal((await lia.getReview(reviewedByBea!))!.note, 'Bea otra vez', "nothing overwrote Bea's");
  assert.equal((await local.offline.pending()).length, 0, 'the conflict waits for a decision, not for a push');
  assert.deepEqual((await pushAll({ team: ana, local, reviewer: 'ana', now: () => NOW + 6 })).result, { pushed: 0, conflicts: 0, left: 0 });

  // Taken again: the same set, the team's newer reviews where nothing waits here, the conflict left alone.
  await lia.saveReview({ uid: other!, reviewer: 'lia', note: 'by the lead', baseVersion: 1 }, NOW + 7);
  const again = await local.offline.take(await gatherTake(ana, { kind: 'assignment', sampleId: team.sampleId }, SOURCE), NOW + 8);
  assert.equal(again.id, set.id);
  assert.equal((await local.offline.sets()).length, 1);
  assert.equal((await local.getReview(other!))!.note, 'by the lead');
  assert.equal((await local.getReview(reviewedByBea!))!.note, 'de Ana', 'mine stays while the conflict is open');
  assert.equal((await local.offline.conflicts()).length, 1);
});

test('a filter: over 5,000 rows refused in words; within, its rows with a label in words, and taken again it is a new selection', async (t) => {
  const database = server.createDatabase('wide');
  const wide = await openPgStore(server, database, () => NOW);
  const local = await openSqliteStore({ dbPath: freshDbPath('wolkvox-offline-filter-'), now: () => NOW, readers: 'on-demand' });
  t.after(async () => {
    await local.close();
    await wide.close();
  });
  await syncRecords(wide, Array.from({ length: OFFLINE_MAX_INTERACTIONS + 1 }, (_, i) => recordOf({ agent_name: i < 3 ? 'Zoë' : 'Ana', case_id: `W${i}` })));
  await assert.rejects(
    gatherTake(wide, { kind: 'filter', filter: {} }, 'me@team'),
    (e: unknown) => isAppError(e) && e.kind === 'bad-input' && /selects 5,001 interactions; at most 5,000/.test(e.message),
  );
  await assert.rejects(gatherTake(wide, { kind: 'filter', filter: { agents: ['Nadie'] } }, 'me@team'), (e: unknown) => isAppError(e) && e.kind === 'bad-input');
  const take = await gatherTake(wide, { kind: 'filter', filter: { agents: ['Zoë'] } }, 'me@team');
  const set = await local.offline.take(take, NOW);
  assert.deepEqual([set.kind, set.label, set.interactions, set.source], ['filter', 'Agents: Zoë', 3, 'me@team']);
  const named = await local.offline.take(await gatherTake(wide, { kind: 'filter', filter: { agents: ['Zoë'] }, label: 'Zoë' }, 'me@team'), NOW);
  assert.notEqual(named.id, set.id);
  assert.deepEqual((await local.offline.sets()).map((s) => s.label).sort(), ['Agents: Zoë', 'Zoë']);
  assert.equal(await local.count({}), 3, 'the rows once');
  await local.offline.drop(set.id);
  assert.equal(await local.count({}), 3, 'still held by the other selection');
  await local.offline.drop(named.id);
  assert.equal(await local.count({}), 0);
});
