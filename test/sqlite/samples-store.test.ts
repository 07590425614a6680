/**
 * Samples that last, on real SQLite files through the store (reader threads included): each draw
 * option against expectations computed here from the rows and reviews, the preview against the draw,
 * rename, delete (reviews stay), progress against separate SQL, and a schema-6 cache's samples.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import type { AppError } from '../../src-main/core/errors';
import type { SampleRuleInput } from '../../src-main/core/reviews/sampling';
import { openDatabase } from '../../src-main/core/store/sqlite/connection/database';
import type { InteractionFilter } from '../../src-main/core/store/sqlite/reads/filters';
import { MIGRATIONS } from '../../src-main/core/store/sqlite/migrations/migrations';
import { openSqliteStore, type SqliteStore } from '../../src-main/core/store/sqlite/sqlite-store';
import { runCliProcess } from '../helpers/cli-run';
import { tempDir } from '../helpers/temp-dir';
import { readWorkbook, sheetRecords } from '../integration/export-helpers';
import { freshDbPath, NOW, recordOf, upsertBatch } from '../integration/store-fixtures';

const AGENTS = ['Ana', 'Luis', 'Zoë', '', 'Marta'];
const CHANNELS = ['Email', 'Chat', 'whatsapp'];
const STATUSES = ['open', 'close', 'archived'];
const badInput = (pattern: RegExp) => (e: unknown) => (e as AppError).kind === 'bad-input' && pattern.test((e as Error).message);

/** 90 interactions: agents of uneven sizes (one with no name), three channels and the three API statuses. */
function records() {
  return Array.from({ length: 90 }, (_, i) =>
    recordOf({
      agent_name: AGENTS[[0, 0, 0, 1, 1, 2, 3, 4, 4][(i + Math.floor(i / 9)) % 9]!]!,
      channel: CHANNELS[i % 3]!,
      status: STATUSES[Math.floor(i / 3) % 3]!,
      case_id: `S${i}`,
      date_creation: `2026-01-${String(1 + (i % 28)).padStart(2, '0')} ${String(8 + (i % 10)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00`,
    }),
  );
}

const path = freshDbPath('wolkvox-samples-');
{
  const db = openDatabase(path, { now: () => NOW });
  upsertBatch(db, records());
  db.close();
}
const store: SqliteStore = await openSqliteStore({ dbPath: path, now: () => NOW });
/** A second connection: reviews written as the review model stores them, and the figures read back independently. */
const raw = new Database(path);
raw.pragma('busy_timeout = 5000');
after(async () => {
  raw.close();
  await store.close();
});

const card = await store.activeScorecard(NOW);
const rows = (await store.page({ filter: {}, limit: 1000 })).rows;
// Every fourth interaction passed, every seventh failed, every fifth is being reviewed (not reviewed yet).
const reviewOf = new Map<string, string>();
rows.forEach((r, i) => {
  const status = i % 4 === 0 ? 'pass' : i % 7 === 0 ? 'fail' : i % 5 === 0 ? 'in review' : null;
  if (status) reviewOf.set(r.uid, status);
});
const insertReview = raw.prepare(
  "INSERT INTO reviews (interaction_uid, status, scorecard_id, scorecard_version, scores, reviewer, created_at, updated_at) VALUES (?, ?, ?, ?, '{}', 'qa', ?, ?)",
);
raw.transaction(() => {
  for (const [uid, status] of reviewOf) insertReview.run(uid, status, card.id, card.version, NOW, NOW);
})();

type Rule = { unit: 'count' | 'percent'; amount: number; perAgent: boolean; by?: 'channel' | 'status' | null; skipReviewed?: boolean; skipOpen?: boolean; skipNoAgent?: boolean };

/** The draw's expected groups, computed from the rows and reviews read above (not from the store's SQL). */
function expected(filter: { channels?: string[] }, rule: Rule) {
  const candidates = rows.filter((r) => {
    if (filter.channels && !filter.channels.includes(r.channel)) return false;
    if (rule.skipReviewed && ['pass', 'fail'].includes(reviewOf.get(r.uid) ?? '')) return false;
    if (rule.skipOpen && r.status !== 'close' && r.status !== 'archived') return false;
    if (rule.skipNoAgent && r.agent_name.trim() === '') return false;
    return true;
  });
  const groups = new Map<string, number>();
  const keyOf = (r: { agent_name: string; channel: string; status: string }) => JSON.stringify([rule.perAgent ? r.agent_name : '*', rule.by ? r[rule.by] : '*']);
  for (const r of candidates) groups.set(keyOf(r), (groups.get(keyOf(r)) ?? 0) + 1);
  const take = (n: number) => (rule.unit === 'count' ? Math.min(n, rule.amount) : Math.min(n, Math.ceil((n * rule.amount) / 100 - 1e-9)));
  const perGroup = new Map([...groups].map(([k, n]) => [k, take(n)]));
  return { candidates, perGroup, keyOf, size: [...perGroup.values()].reduce((s, n) => s + n, 0) };
}

const CASES: { name: string; filter: InteractionFilter; rule: Rule }[] = [
  { name: '3 per agent', filter: {}, rule: { unit: 'count', amount: 3, perAgent: true } },
  { name: '4 per agent and channel, e-mail and chat', filter: { channels: ['Email', 'Chat'] }, rule: { unit: 'count', amount: 4, perAgent: true, by: 'channel' } },
  { name: '25% per agent and status', filter: {}, rule: { unit: 'percent', amount: 25, perAgent: true, by: 'status' } },
  { name: '10 from the whole selection', filter: {}, rule: { unit: 'count', amount: 10, perAgent: false } },
  { name: '12.5% of the selection', filter: { channels: ['whatsapp'] }, rule: { unit: 'percent', amount: 12.5, perAgent: false } },
  { name: '2 per status', filter: {}, rule: { unit: 'count', amount: 2, perAgent: false, by: 'status' } },
  { name: 'no reviewed', filter: {}, rule: { unit: 'count', amount: 50, perAgent: true, skipReviewed: true } },
  { name: 'no open', filter: {}, rule: { unit: 'count', amount: 50, perAgent: true, skipOpen: true } },
  { name: 'no agentless', filter: {}, rule: { unit: 'count', amount: 50, perAgent: true, skipNoAgent: true } },
  { name: 'all three left out, 30%', filter: {}, rule: { unit: 'percent', amount: 30, perAgent: true, skipReviewed: true, skipOpen: true, skipNoAgent: true } },
];

for (const [i, c] of CASES.entries()) {
  test(`draw "${c.name}": the preview is the draw's size, and the members follow the rule`, async () => {
    const want = expected(c.filter as { channels?: string[] }, c.rule);
    assert.ok(want.size > 0 && want.size < rows.length, `the case draws some, not all (${want.size})`);
    const preview = await store.previewSample(c.filter, { ...c.rule, by: c.rule.by ?? null, skipReviewed: !!c.rule.skipReviewed, skipOpen: !!c.rule.skipOpen, skipNoAgent: !!c.rule.skipNoAgent });
    assert.deepEqual(preview, { candidates: want.candidates.length, size: want.size });
    const info = await store.drawSample({ name: `case ${i}`, seed: `seed-${i}`, rule: c.rule as SampleRuleInput, filter: c.filter }, NOW);
    assert.equal(info.memberCount, preview.size);
    assert.equal(info.candidateCount, preview.candidates);
    const members = await store.sampleMembers(info.id);
    const byUid = new Map(want.candidates.map((r) => [r.uid, r]));
    const got = new Map<string, number>();
    for (const m of members) {
      const row = byUid.get(m.uid);
      assert.ok(row, `${m.uid} is a candidate (in the filter, not left out)`);
      assert.equal(m.agentName, row.agent_name);
      got.set(want.keyOf(row), (got.get(want.keyOf(row)) ?? 0) + 1);
    }
    assert.deepEqual(new Map([...got].sort()), new Map([...want.perGroup].filter(([, n]) => n > 0).sort()));
    const listed = (await store.listSamples()).find((s) => s.id === info.id)!;
    assert.deepEqual(listed.rule, { unit: c.rule.unit, amount: c.rule.amount, perAgent: c.rule.perAgent, by: c.rule.by ?? null, skipReviewed: !!c.rule.skipReviewed, skipOpen: !!c.rule.skipOpen, skipNoAgent: !!c.rule.skipNoAgent });
    assert.equal(listed.ruleRecorded, true);
    assert.deepEqual(listed.filter, c.filter);
  });
}

test('the same seed and rule draw the same members; the first form (N per agent) is the same as its rule', async () => {
  const a = await store.drawSample({ name: 'twin A', seed: 77, perAgent: 2, by: 'channel', filter: {} }, NOW);
  const b = await store.drawSample({ name: 'twin B', seed: 77, rule: { unit: 'count', amount: 2, perAgent: true, by: 'channel' }, filter: {} }, NOW);
  assert.deepEqual((await store.sampleMembers(b.id)).map((m) => m.uid), (await store.sampleMembers(a.id)).map((m) => m.uid));
  await assert.rejects(store.drawSample({ name: 'both', seed: 1, perAgent: 2, rule: { unit: 'count', amount: 2, perAgent: true }, filter: {} }, NOW), badInput(/not both/));
  await assert.rejects(store.drawSample({ name: 'pct', seed: 1, rule: { unit: 'percent', amount: 120, perAgent: true }, filter: {} }, NOW), badInput(/percentage/));
  await assert.rejects(store.drawSample({ name: 'none', seed: 1, rule: { unit: 'count', amount: 1, perAgent: true }, filter: { channels: ['fax'] } }, NOW), badInput(/no interactions/));
});

/** Decided reviews of a sample's members, by SQL written here. */
function sqlProgress(id: number) {
  const q = (statuses: string) =>
    raw.prepare(`SELECT count(*) FROM sample_members m JOIN reviews r ON r.interaction_uid = m.interaction_uid WHERE m.sample_id = ? AND r.status IN (${statuses})`).pluck().get(id) as number;
  return { reviewed: q("'pass', 'fail'"), passed: q("'pass'"), failed: q("'fail'") };
}

test('progress: reviewed of total and passes match separate SQL; "in review" is not reviewed', async () => {
  const info = await store.drawSample({ name: 'progress', seed: 5, rule: { unit: 'count', amount: 8, perAgent: true }, filter: {} }, NOW);
  const listed = () => store.listSamples().then((l) => l.find((s) => s.id === info.id)!);
  const before = await listed();
  assert.deepEqual(before.progress, sqlProgress(info.id));
  const members = await store.sampleMembers(info.id);
  const inReview = members.filter((m) => reviewOf.get(m.uid) === 'in review').length;
  assert.ok(inReview > 0, 'some members are in review');
  assert.equal(before.progress.reviewed, members.filter((m) => ['pass', 'fail'].includes(reviewOf.get(m.uid) ?? '')).length);
  // A member without a decided review gets one: the list follows.
  const open = members.find((m) => !reviewOf.has(m.uid))!;
  insertReview.run(open.uid, 'fail', card.id, card.version, NOW, NOW);
  reviewOf.set(open.uid, 'fail');
  const afterFail = await listed();
  assert.equal(afterFail.progress.reviewed, before.progress.reviewed + 1);
  assert.equal(afterFail.progress.failed, before.progress.failed + 1);
  assert.deepEqual(afterFail.progress, sqlProgress(info.id));
  assert.equal(afterFail.memberCount, members.length);
});

test('rename: the new name is listed and found by --sample; a name another sample has is refused in any letter case', async () => {
  const a = await store.drawSample({ name: 'Semana 3', seed: 1, perAgent: 1, filter: {} }, NOW);
  await store.drawSample({ name: 'Semana 4', seed: 1, perAgent: 1, filter: {} }, NOW);
  const renamed = await store.renameSample(a.id, '  Semana 3 — revisada  ');
  assert.equal(renamed.name, 'Semana 3 — revisada');
  assert.equal(renamed.memberCount, a.memberCount);
  assert.equal((await store.sampleByName('semana 3 — REVISADA'))?.id, a.id);
  assert.equal(await store.sampleByName('Semana 3'), null);
  await assert.rejects(store.renameSample(a.id, 'SEMANA 4'), badInput(/already exists/));
  assert.equal((await store.renameSample(a.id, 'SEMANA 3 — revisada')).name, 'SEMANA 3 — revisada');
  await assert.rejects(store.renameSample(999_999, 'x'), badInput(/no sample/));
  // Scheduled jobs export a sample by name: the new name (any letter case) works, the old one is exit code 2.
  const out = tempDir('wolkvox-samples-cli-');
  const cli = await runCliProcess(['export', '--db', path, '--out', join(out, 'renamed.xlsx'), '--sample', 'semana 3 — revisada', '--json'], {});
  assert.equal(cli.code, 0, cli.stderr);
  assert.equal(sheetRecords((await readWorkbook(join(out, 'renamed.xlsx'))).sheet('Interactions')).length, a.memberCount);
  assert.equal((await runCliProcess(['export', '--db', path, '--out', join(out, 'old.xlsx'), '--sample', 'Semana 3'], {})).code, 2);
});

test('delete: the sample and its member list go; every review stays', async () => {
  const info = await store.drawSample({ name: 'to delete', seed: 9, perAgent: 10, filter: {} }, NOW);
  const members = await store.sampleMembers(info.id);
  const reviewed = members.filter((m) => reviewOf.has(m.uid));
  assert.ok(reviewed.length > 0);
  const reviewsBefore = raw.prepare('SELECT count(*) FROM reviews').pluck().get();
  const historyBefore = raw.prepare('SELECT count(*) FROM review_history').pluck().get();
  await store.deleteSample(info.id);
  assert.equal(raw.prepare('SELECT count(*) FROM reviews').pluck().get(), reviewsBefore);
  assert.equal(raw.prepare('SELECT count(*) FROM review_history').pluck().get(), historyBefore);
  for (const m of reviewed) assert.equal((await store.getReview(m.uid))?.status, reviewOf.get(m.uid));
  assert.equal(raw.prepare('SELECT count(*) FROM sample_members WHERE sample_id = ?').pluck().get(info.id), 0);
  assert.equal(await store.sampleById(info.id), null);
  assert.ok(!(await store.listSamples()).some((s) => s.id === info.id));
  await assert.rejects(store.sampleMembers(info.id), badInput(/no sample/));
  await assert.rejects(store.deleteSample(info.id), badInput(/no sample/));
  assert.equal(await store.count({ sampleId: info.id }), 0);
});

test('a schema-6 cache with samples opens: its samples are listed (rule legacy), with progress, and can be renamed and deleted', async () => {
  const oldPath = freshDbPath('wolkvox-samples-v6-');
  const old = openDatabase(oldPath, { now: () => NOW, migrations: MIGRATIONS.filter((m) => m.version <= 6) });
  assert.equal(old.pragma('user_version', { simple: true }), 6);
  // Rows, a scorecard, reviews and a sample exactly as version 6 wrote them.
  const insert = old.prepare(
    `INSERT INTO interactions (id, uid, server, zone, created_utc, closed_utc, content_hash, first_synced_at, updated_at, channel, agent_name, skill_id, case_id, status,
      cod_act, evaluation_survey, date_creation, close_date, cod_description, subject, from_addr, to_addr, attachments, comments, answer, body, raw)
     VALUES (?, ?, '0032', 'America/Bogota', ?, NULL, 'h', ?, ?, 'Email', ?, '1', ?, 'close', '', '', '', '', '', 's', 'f', 't', '', '', '', 'b', NULL)`,
  );
  for (let i = 0; i < 6; i++) insert.run((i + 1) * 65536, `u${i}`, NOW - i, NOW, NOW, i % 2 ? 'Ana' : 'Luis', `K${i}`);
  old.prepare("INSERT INTO scorecards (id, version, name, pass_mark, attributes, created_at) VALUES ('default', 1, 'Default', 80, '[]', ?)").run(NOW);
  const review = old.prepare("INSERT INTO reviews (interaction_uid, status, scorecard_id, scorecard_version, reviewer, created_at, updated_at) VALUES (?, ?, 'default', 1, 'qa', ?, ?)");
  review.run('u0', 'pass', NOW, NOW);
  review.run('u1', 'in review', NOW, NOW);
  review.run('u2', 'fail', NOW, NOW);
  old.prepare(`INSERT INTO samples (id, name, seed, params, filter, created_at) VALUES (1, 'Enero', '42', '{"perAgent":2,"by":null,"candidateCount":6}', '{"channels":["Email"]}', ?)`).run(NOW);
  old.prepare(`INSERT INTO samples (id, name, seed, params, filter, created_at) VALUES (2, 'Rara', '1', '{"perAgent":1,"by":"status","candidateCount":6}', '{"agentsNot":["x"]}', ?)`).run(NOW);
  const member = old.prepare('INSERT INTO sample_members (sample_id, interaction_uid, agent_name, stratum, position) VALUES (?, ?, ?, ?, ?)');
  ['u0', 'u1', 'u2', 'u3'].forEach((uid, i) => member.run(1, uid, i % 2 ? 'Ana' : 'Luis', null, i));
  member.run(2, 'u4', 'Luis', 'close', 0);
  old.close();

  const upgraded = await openSqliteStore({ dbPath: oldPath, now: () => NOW });
  try {
    const [rara, enero] = await upgraded.listSamples();
    assert.equal(enero!.name, 'Enero');
    assert.equal(enero!.ruleRecorded, false);
    assert.deepEqual(enero!.rule, { unit: 'count', amount: 2, perAgent: true, by: null, skipReviewed: false, skipOpen: false, skipNoAgent: false });
    assert.equal(enero!.perAgent, 2);
    assert.equal(enero!.memberCount, 4);
    assert.deepEqual(enero!.progress, { reviewed: 2, passed: 1, failed: 1 });
    assert.deepEqual(enero!.filter, { channels: ['Email'] });
    assert.equal(rara!.rule.by, 'status');
    assert.equal(await upgraded.count({ sampleId: 1 }), 4);
    assert.equal((await upgraded.renameSample(1, 'Enero 2026')).name, 'Enero 2026');
    await upgraded.deleteSample(2);
    assert.deepEqual((await upgraded.listSamples()).map((s) => s.name), ['Enero 2026']);
    assert.equal((await upgraded.getReview('u0'))?.status, 'pass');
  } finally {
    await upgraded.close();
  }
});
