/**
 * Audit samples in SQLite: a drawn sample is stored in one transaction (a name already used is
 * refused), and read back by id or name. The draw itself (validation, reproducible picking) is pure
 * and lives in reviews/sampling.ts.
 */
import { badInput } from '../errors';
import { planSample, type DrawSampleInput, type SampleInfo, type SampleMember, type SampleStratum } from '../reviews/sampling';
import { storageError, type Db } from './database';

/** Draws and stores a sample in one transaction; a name already used is refused. */
export function drawSample(db: Db, input: DrawSampleInput, now: number): SampleInfo {
  // Planned (validated, members picked) before the write starts: see planSample.
  const { name, seed, perAgent, by, candidateCount, members, filterJson, filter } = planSample(input);
  const params = { perAgent, by, candidateCount };
  const store = db.transaction((): number => {
    const taken = db.prepare('SELECT name FROM samples WHERE name = ?').pluck().get(name) as string | undefined;
    if (taken !== undefined) throw badInput(`A sample named "${taken}" already exists: choose another name.`);
    const exists = db.prepare('SELECT 1 FROM interactions WHERE uid = ?').pluck();
    const missing = members.find((m) => exists.get(m.uid) === undefined);
    if (missing) throw badInput(`The interaction "${missing.uid}" is not in this database.`);
    const id = Number(
      db.prepare('INSERT INTO samples (name, seed, params, filter, created_at) VALUES (?, ?, ?, ?, ?)').run(name, seed, JSON.stringify(params), filterJson, now)
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
  return { id, name, seed, perAgent, by, candidateCount, memberCount: members.length, filter, createdAt: now };
}

interface SampleRow {
  id: number;
  name: string;
  seed: string;
  params: string;
  filter: string;
  created_at: number;
  member_count: number;
}

const SAMPLE_SELECT = `SELECT s.id, s.name, s.seed, s.params, s.filter, s.created_at,
  (SELECT count(*) FROM sample_members m WHERE m.sample_id = s.id) AS member_count FROM samples s`;

function fromRow(row: SampleRow): SampleInfo {
  const params = JSON.parse(row.params) as { perAgent: number; by: SampleStratum | null; candidateCount: number };
  return {
    id: row.id,
    name: row.name,
    seed: row.seed,
    perAgent: params.perAgent,
    by: params.by,
    candidateCount: params.candidateCount,
    memberCount: row.member_count,
    filter: JSON.parse(row.filter) as unknown,
    createdAt: row.created_at,
  };
}

/** Every stored sample, newest first. */
export function listSamples(db: Db): SampleInfo[] {
  return (db.prepare(`${SAMPLE_SELECT} ORDER BY s.id DESC`).all() as SampleRow[]).map(fromRow);
}

/** A sample by its name (case-insensitive), for `--sample NAME`. */
export function sampleByName(db: Db, name: string): SampleInfo | undefined {
  const row = db.prepare(`${SAMPLE_SELECT} WHERE s.name = ?`).get(name.trim()) as SampleRow | undefined;
  return row && fromRow(row);
}

/** The members of a sample in their stored order; an unknown sample is 'bad-input'. */
export function sampleMembers(db: Db, id: number): SampleMember[] {
  if (db.prepare('SELECT 1 FROM samples WHERE id = ?').get(id) === undefined) throw badInput(`There is no sample ${id}.`);
  const rows = db
    .prepare('SELECT interaction_uid, agent_name, stratum, position FROM sample_members WHERE sample_id = ? ORDER BY position')
    .all(id) as { interaction_uid: string; agent_name: string; stratum: string | null; position: number }[];
  return rows.map((r) => ({ uid: r.interaction_uid, agentName: r.agent_name, stratum: r.stratum, position: r.position }));
}
