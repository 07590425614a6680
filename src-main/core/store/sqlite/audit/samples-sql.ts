/**
 * Audit samples in SQLite: a drawn sample is stored in one transaction (a name already used is
 * refused), read back by id or name with its progress, renamed and deleted. The draw itself
 * (validation, reproducible picking) is pure and lives in reviews/sampling.ts; the rule's exclusions
 * (reviewed, open, no agent) are conditions of the candidate query here, shared by the preview and the
 * draw so that the size shown is the size drawn.
 */
import { badInput } from '../../../errors';
import { CLOSED_STATUSES, drawSize, type SampleRule } from '../../../reviews/sample-rule';
import { planSample, type DrawSampleInput, type SampleCandidate, type SampleInfo, type SampleMember } from '../../../reviews/sampling';
import { perAgentOf, sampleParamsOf, sampleParamsToStore } from '../../../reviews/stored-forms';
import { storageError, type Db } from '../connection/database';
import type { InteractionFilter } from '../reads/filters';
import { selectionSql, selectRows, type ExtraConditions } from '../reads/selection';

/** Decided reviews: 'in review' is work started, not a review done. */
const DECIDED = "('pass', 'fail')";

/** The rule's exclusions as conditions on `i`: what the preview counts without and the draw picks without. */
export function exclusions(rule: Pick<SampleRule, 'skipReviewed' | 'skipOpen' | 'skipNoAgent'>): ExtraConditions {
  const where: string[] = [];
  const params: unknown[] = [];
  if (rule.skipReviewed) where.push(`NOT EXISTS (SELECT 1 FROM reviews r WHERE r.interaction_uid = i.uid AND r.status IN ${DECIDED})`);
  if (rule.skipOpen) {
    where.push(`i.status IN (${CLOSED_STATUSES.map(() => '?').join(', ')})`);
    params.push(...CLOSED_STATUSES);
  }
  if (rule.skipNoAgent) where.push("trim(i.agent_name) <> ''");
  return { where, params };
}

/** The interactions a draw picks from: the filter's rows less what the rule leaves out. */
export function sampleCandidates(db: Db, filter: InteractionFilter, rule: SampleRule): Generator<SampleCandidate> {
  return selectRows<SampleCandidate>(db, filter, 'i.uid AS uid, i.agent_name AS agent_name, i.channel AS channel, i.status AS status', exclusions(rule));
}

export interface SamplePreview {
  /** Interactions the draw picks from (the filter less what the rule leaves out). */
  candidates: number;
  /** Interactions the draw will take. */
  size: number;
}

/** What a draw with this rule would take from the filter's rows, with one grouped count (no rows read into JS). */
export function previewSample(db: Db, filter: InteractionFilter, rule: SampleRule): SamplePreview {
  const keys = [rule.perAgent ? 'i.agent_name' : null, rule.by ? `i.${rule.by}` : null].filter((k): k is string => k !== null);
  const { sql, params } = selectionSql(filter, `count(*) AS n${keys.length ? `, ${keys.join(', ')}` : ''}`, exclusions(rule));
  const sizes = (db.prepare(`${sql}${keys.length ? ` GROUP BY ${keys.join(', ')}` : ''}`).pluck().all(...params) as number[]).filter((n) => n > 0);
  return { candidates: sizes.reduce((s, n) => s + n, 0), size: drawSize(sizes, rule) };
}

/** Draws and stores a sample in one transaction; a name already used is refused. */
export function drawSample(db: Db, input: DrawSampleInput, now: number): SampleInfo {
  // Planned (validated, members picked) before the write starts: see planSample.
  const { name, seed, rule, candidateCount, members, filterJson, filter } = planSample(input);
  const store = db.transaction((): number => {
    const taken = db.prepare('SELECT name FROM samples WHERE name = ?').pluck().get(name) as string | undefined;
    if (taken !== undefined) throw badInput(`A sample named "${taken}" already exists: choose another name.`);
    const exists = db.prepare('SELECT 1 FROM interactions WHERE uid = ?').pluck();
    const missing = members.find((m) => exists.get(m.uid) === undefined);
    if (missing) throw badInput(`The interaction "${missing.uid}" is not in this database.`);
    const id = Number(
      db.prepare('INSERT INTO samples (name, seed, params, filter, created_at) VALUES (?, ?, ?, ?, ?)').run(name, seed, sampleParamsToStore(rule, candidateCount), filterJson, now)
        .lastInsertRowid,
    );
    const add = db.prepare('INSERT INTO sample_members (sample_id, interaction_uid, agent_name, stratum, position) VALUES (?, ?, ?, ?, ?)');
    members.forEach((m, position) => add.run(id, m.uid, m.agent, m.stratum, position));
    return id;
  });
  let id: number;
  try {
    id = store.immediate();
  } catch (error) {
    throw storageError('The sample could not be saved', error);
  }
  const progress = progressOf(db, id);
  return { id, name, seed, perAgent: perAgentOf(rule), by: rule.by, rule, ruleRecorded: true, candidateCount, memberCount: members.length, filter, createdAt: now, progress };
}

interface SampleRow {
  id: number;
  name: string;
  seed: string;
  params: string;
  filter: string;
  created_at: number;
  member_count: number;
  reviewed: number;
  passed: number;
}

/** Each sample with its members' progress, in one pass over the members (a review is found by its key). */
const SAMPLE_SELECT = `SELECT s.id, s.name, s.seed, s.params, s.filter, s.created_at,
  count(m.interaction_uid) AS member_count,
  coalesce(sum(r.status IN ${DECIDED}), 0) AS reviewed,
  coalesce(sum(r.status = 'pass'), 0) AS passed
  FROM samples s LEFT JOIN sample_members m ON m.sample_id = s.id LEFT JOIN reviews r ON r.interaction_uid = m.interaction_uid`;

function fromRow(row: SampleRow): SampleInfo {
  return {
    id: row.id,
    name: row.name,
    seed: row.seed,
    ...sampleParamsOf(row.params),
    memberCount: row.member_count,
    filter: JSON.parse(row.filter) as unknown,
    createdAt: row.created_at,
    progress: { reviewed: row.reviewed, passed: row.passed, failed: row.reviewed - row.passed },
  };
}

function progressOf(db: Db, id: number): SampleInfo['progress'] {
  const row = db.prepare(`${SAMPLE_SELECT} WHERE s.id = ? GROUP BY s.id`).get(id) as SampleRow;
  return { reviewed: row.reviewed, passed: row.passed, failed: row.reviewed - row.passed };
}

/** Every stored sample with its progress, newest first. */
export function listSamples(db: Db): SampleInfo[] {
  return (db.prepare(`${SAMPLE_SELECT} GROUP BY s.id ORDER BY s.id DESC`).all() as SampleRow[]).map(fromRow);
}

/** A sample by its name (case-insensitive), for `--sample NAME`. */
export function sampleByName(db: Db, name: string): SampleInfo | undefined {
  const row = db.prepare(`${SAMPLE_SELECT} WHERE s.name = ? GROUP BY s.id`).get(name.trim()) as SampleRow | undefined;
  return row && fromRow(row);
}

/** A sample by its id, or undefined (deleted). */
export function sampleById(db: Db, id: number): SampleInfo | undefined {
  const row = db.prepare(`${SAMPLE_SELECT} WHERE s.id = ? GROUP BY s.id`).get(id) as SampleRow | undefined;
  return row && fromRow(row);
}

function requireSample(db: Db, id: number): void {
  if (db.prepare('SELECT 1 FROM samples WHERE id = ?').get(id) === undefined) throw badInput(`There is no sample ${id}: it may have been deleted.`);
}

/** Renames a sample; a name another sample has (in any letter case) is refused. */
export function renameSample(db: Db, id: number, name: string): SampleInfo {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 100) throw badInput('A sample name has 1 to 100 characters.');
  const rename = db.transaction(() => {
    requireSample(db, id);
    const taken = db.prepare('SELECT name FROM samples WHERE name = ? AND id <> ?').pluck().get(trimmed, id) as string | undefined;
    if (taken !== undefined) throw badInput(`A sample named "${taken}" already exists: choose another name.`);
    db.prepare('UPDATE samples SET name = ? WHERE id = ?').run(trimmed, id);
  });
  rename.immediate();
  return sampleById(db, id)!;
}

/** Deletes a sample and its member list; the reviews of its members are the auditors' work and stay. */
export function deleteSample(db: Db, id: number): void {
  const remove = db.transaction(() => {
    requireSample(db, id);
    db.prepare('DELETE FROM sample_members WHERE sample_id = ?').run(id);
    db.prepare('DELETE FROM samples WHERE id = ?').run(id);
  });
  remove.immediate();
}

/** The members of a sample in their stored order; an unknown sample is 'bad-input'. */
export function sampleMembers(db: Db, id: number): SampleMember[] {
  requireSample(db, id);
  const rows = db
    .prepare('SELECT interaction_uid, agent_name, stratum, position FROM sample_members WHERE sample_id = ? ORDER BY position')
    .all(id) as { interaction_uid: string; agent_name: string; stratum: string | null; position: number }[];
  return rows.map((r) => ({ uid: r.interaction_uid, agentName: r.agent_name, stratum: r.stratum, position: r.position }));
}
