/**
 * One take written into this computer's cache, in one transaction: the team's rows exactly (raw record,
 * content hash, first-synced and updated instants, server, zone) through the sync's own upsert (so the
 * search index and the Insights stamps follow), its scorecard versions, its reviews where this computer
 * has no unsent change, its profiles, and the set with its members.
 */
import { sameContent } from '../../../reviews/same-content';
import { scoresAlike } from '../../../reviews/scorecard';
import { attributesToStore, sampleParamsToStore } from '../../../reviews/stored-forms';
import type { Scorecard } from '../../../reviews/types';
import { badInput } from '../../../errors';
import { API_FIELDS } from '../../../wolkvox/fields';
import { canonicalRaw } from '../../identity';
import type { OfflineSetRow, OfflineTake } from '../../offline-copy';
import type { PreparedRecord } from '../../sql/prepare';
import type { Db } from '../connection/database';
import { createUpserter } from '../writes/upsert';
import { newestScorecard, scorecardVersion } from '../audit/scorecards-sql';
import { conflict, localReview, putReview, setRowOf, WAITING } from './offline-sql';

function preparedOf(record: OfflineTake['records'][number]): PreparedRecord {
  const values = API_FIELDS.map((f) => record[f]);
  const canonical = canonicalRaw(record);
  return { uid: record.uid, hash: record.contentHash, createdUtc: record.createdUtc, closedUtc: record.closedUtc, raw: record.raw === canonical ? null : record.raw, values };
}

function writeRecords(db: Db, take: OfflineTake, now: number): Set<string> {
  const known = db.prepare('SELECT 1 FROM interactions WHERE uid = ?').pluck();
  const brought = new Set(take.records.filter((r) => known.get(r.uid) === undefined).map((r) => r.uid));
  const upserter = createUpserter(db);
  const byPlace = new Map<string, OfflineTake['records'][number][]>();
  for (const r of take.records) {
    const key = JSON.stringify([r.server, r.zone]);
    byPlace.set(key, [...(byPlace.get(key) ?? []), r]);
  }
  for (const records of byPlace.values()) {
    const session = upserter.session({ server: records[0]!.server, zone: records[0]!.zone, now });
    session.write(records.map(preparedOf));
    session.finish();
  }
  // The upsert stamps rows with `now`; the copy keeps the team's instants.
  const instants = db.prepare('UPDATE interactions SET first_synced_at = ?, updated_at = ? WHERE uid = ?');
  for (const r of take.records) instants.run(r.firstSyncedAt, r.updatedAt, r.uid);
  return brought;
}

/**
 * Versions this cache lacks, oldest first, so the team's active one is this cache's newest (its active). A
 * version of the same id and number this cache already has is kept as it is when it scores alike; when it
 * does not, or when this cache would still score new reviews with a version of its own, the take is refused:
 * reviews made offline would be scored on another form than the team's, and sent as the team's version.
 */
function writeScorecards(db: Db, take: OfflineTake): void {
  const insert = db.prepare('INSERT INTO scorecards (id, version, name, pass_mark, attributes, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  for (const card of take.scorecards) {
    const own = scorecardVersion(db, card.id, card.version);
    if (own && !scoresAlike(own, card)) throw notTheTeams(own, card);
    if (!own) insert.run(card.id, card.version, card.name, card.passMark, JSON.stringify(attributesToStore(card)), card.createdAt);
  }
  const active = take.scorecards.at(-1);
  const newest = newestScorecard(db);
  // New reviews here must be made on the team's active version itself: a push sends the version a review names.
  if (active && newest && !(newest.id === active.id && newest.version === active.version)) throw notTheTeams(newest, active);
}

function notTheTeams(own: Scorecard, team: Scorecard) {
  return badInput(
    `This computer's cache scores with its own form, "${own.name}" version ${own.version}, which differs from the team's ` +
      `"${team.name}" version ${team.version}: reviews made offline would be scored on another form. Nothing was taken; ` +
      'take offline on a computer whose cache was not used to audit on its own, or ask your lead.',
  );
}

/**
 * The team's review replaces this computer's where nothing here waits to be sent: an interaction not
 * followed yet, or one whose local review is still the version the last take or push left. Never backwards
 * (a push recorded a newer team version while this take was read), and never over a review this computer
 * made on its own: one that differs from the team's becomes a conflict, both kept until the auditor chooses.
 */
function writeReviews(db: Db, take: OfflineTake, brought: Set<string>, now: number): void {
  const theirs = new Map(take.reviews.map((r) => [r.uid, r]));
  const tracked = db.prepare('SELECT base_version, local_version, copied FROM offline_reviews WHERE uid = ?');
  const waits = db.prepare('SELECT 1 FROM offline_outbox WHERE uid = ? UNION ALL SELECT 1 FROM offline_conflicts WHERE uid = ?').pluck();
  const track = db.prepare(
    `INSERT INTO offline_reviews (uid, base_version, local_version, copied) VALUES (?, ?, ?, ?)
     ON CONFLICT (uid) DO UPDATE SET base_version = excluded.base_version, local_version = excluded.local_version`,
  );
  for (const r of take.records) {
    const row = tracked.get(r.uid) as { base_version: number; local_version: number; copied: number } | undefined;
    const mine = localReview(db, r.uid);
    const local = mine?.version ?? 0;
    const copied = brought.has(r.uid) ? 1 : (row?.copied ?? 0);
    const team = theirs.get(r.uid);
    if ((row && local !== row.local_version) || waits.get(r.uid, r.uid) !== undefined) {
      // Something of this computer's waits for this interaction: it is followed from now on, its review left as it is.
      if (!row) track.run(r.uid, team?.version ?? 0, local, copied);
      continue;
    }
    // Read before a push recorded a newer team version: what this computer holds is newer.
    if (row && (team?.version ?? 0) < row.base_version) continue;
    if (team && mine && !row && !sameContent(mine, team)) {
      conflict(db, r.uid, mine, team, now);
      track.run(r.uid, team.version, local, copied);
    } else if (team) {
      putReview(db, team);
      track.run(r.uid, team.version, team.version, copied);
    } else {
      // No team review: a review of this computer's own (on a row it synced itself) stays here, unsent.
      track.run(r.uid, 0, local, copied);
    }
  }
}

function writeProfiles(db: Db, take: OfflineTake): void {
  const text = db.prepare("SELECT value FROM settings WHERE key = 'profiles'").pluck().get() as string | undefined;
  let mine: { id: string; server: string }[] = [];
  try {
    const parsed: unknown = text === undefined ? [] : JSON.parse(text);
    if (Array.isArray(parsed)) mine = parsed as typeof mine;
  } catch {
    // An unreadable list is left as it is.
    return;
  }
  const servers = new Set(take.records.map((r) => r.server));
  const missing = take.profiles.filter((p) => servers.has(p.server) && !mine.some((m) => m.id === p.id || m.server === p.server));
  if (missing.length === 0) return;
  db.prepare("INSERT INTO settings (key, value) VALUES ('profiles', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(JSON.stringify([...mine, ...missing]));
}

/** A name no other sample of this cache has (names are unique in any letter case): the team's, else numbered. */
function freeSampleName(db: Db, name: string, own: number | null): string {
  const taken = db.prepare('SELECT id FROM samples WHERE name = ? COLLATE NOCASE').pluck();
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? name : `${name} (${n})`;
    const holder = taken.get(candidate) as number | undefined;
    if (holder === undefined || holder === own) return candidate;
  }
}

/** The team's sample (or the auditor's part of it) as a sample of this cache: the audit view and its workbook work offline. */
function writeSample(db: Db, take: OfflineTake, setId: number): void {
  if (!take.sample) return;
  const { info, members } = take.sample;
  const own = db.prepare('SELECT s.id FROM offline_sets o JOIN samples s ON s.id = o.local_sample_id WHERE o.id = ?').pluck().get(setId) as number | undefined;
  const name = freeSampleName(db, info.name, own ?? null);
  let sampleId: number;
  if (own !== undefined) {
    db.prepare('UPDATE samples SET name = ? WHERE id = ?').run(name, own);
    db.prepare('DELETE FROM sample_members WHERE sample_id = ?').run(own);
    sampleId = own;
  } else {
    sampleId = Number(
      db.prepare('INSERT INTO samples (name, seed, params, filter, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(name, info.seed, sampleParamsToStore(info.rule, info.candidateCount), JSON.stringify(info.filter ?? {}), info.createdAt).lastInsertRowid,
    );
    db.prepare('UPDATE offline_sets SET local_sample_id = ? WHERE id = ?').run(sampleId, setId);
  }
  const add = db.prepare('INSERT INTO sample_members (sample_id, interaction_uid, agent_name, stratum, position) VALUES (?, ?, ?, ?, ?)');
  for (const m of members) add.run(sampleId, m.uid, m.agentName, m.stratum, m.position);
  // The members' assignments went with them above; the team's split comes back as the auditor saw it.
  const assign = db.prepare('INSERT INTO assignments (sample_id, interaction_uid, auditor, assigned_at) VALUES (?, ?, ?, ?)');
  for (const { auditor, uids } of take.sample.assignments) for (const uid of uids) assign.run(sampleId, uid, auditor, take.sample.assignedAt ?? take.sample.info.createdAt);
}

function writeSet(db: Db, take: OfflineTake, now: number): number {
  const existing =
    take.sampleId === null ? undefined : (db.prepare('SELECT id FROM offline_sets WHERE kind = ? AND sample_id = ?').pluck().get(take.kind, take.sampleId) as number | undefined);
  const filter = take.filter === null || take.filter === undefined ? null : JSON.stringify(take.filter);
  let id: number;
  if (existing !== undefined) {
    db.prepare('UPDATE offline_sets SET label = ?, taken_at = ?, source = ? WHERE id = ?').run(take.label, now, take.source, existing);
    // Members no longer in the selection go, except those with something waiting to be sent (the lead moved
    // them to another auditor, say): they stay in the set, unselected, until sent, so the set counts them.
    db.prepare(`DELETE FROM offline_members WHERE set_id = ? AND uid NOT IN (${WAITING})`).run(existing);
    db.prepare('UPDATE offline_members SET selected = 0 WHERE set_id = ?').run(existing);
    id = existing;
  } else {
    id = Number(
      db.prepare('INSERT INTO offline_sets (kind, sample_id, filter, label, taken_at, source) VALUES (?, ?, ?, ?, ?, ?)').run(take.kind, take.sampleId, filter, take.label, now, take.source)
        .lastInsertRowid,
    );
  }
  const selected = new Set(take.selected);
  const member = db.prepare('INSERT INTO offline_members (set_id, uid, selected) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET selected = max(selected, excluded.selected)');
  for (const r of take.records) member.run(id, r.uid, selected.has(r.uid) ? 1 : 0);
  return id;
}

export function writeTake(db: Db, take: OfflineTake, now: number): OfflineSetRow {
  return db
    .transaction(() => {
      const brought = writeRecords(db, take, now);
      writeScorecards(db, take);
      writeReviews(db, take, brought, now);
      writeProfiles(db, take);
      const id = writeSet(db, take, now);
      writeSample(db, take, id);
      return setRowOf(db, id);
    })
    .immediate();
}
