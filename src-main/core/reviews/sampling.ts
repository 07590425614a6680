/**
 * Audit samples: N interactions per agent (optionally per agent and channel, or agent and status),
 * drawn reproducibly from a seed and stored as a named audit set.
 *
 * Reproducibility does not depend on how the candidates were queried: they are grouped, each group is
 * sorted by uid (code-unit order, never locale order, which differs between machines), then shuffled
 * by a PRNG seeded from (seed, agent, stratum). A group's draw therefore depends only on the seed and
 * that group's own candidates: adding interactions of another agent changes nothing for this one.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { mulberry32 } from '../random/prng';
import { badInput } from '../errors';
import { storageError, type Db } from '../store/database';
import { zodMessage } from './validation';

export interface SampleCandidate {
  uid: string;
  agent_name: string;
  channel: string;
  status: string;
}

export type SampleStratum = 'channel' | 'status';

export interface DrawSampleInput {
  name: string;
  /** Any text or number; the same seed and candidates always give the same members. */
  seed: string | number;
  perAgent: number;
  by?: SampleStratum;
  /** The current filter's rows (an array, or a statement's `.iterate()`); order does not matter. */
  candidates: Iterable<SampleCandidate>;
  /** The filter the candidates came from, kept with the sample for the record. */
  filter?: unknown;
}

export interface SampleInfo {
  id: number;
  name: string;
  seed: string;
  perAgent: number;
  by: SampleStratum | null;
  candidateCount: number;
  memberCount: number;
  filter: unknown;
  createdAt: number;
}

export interface SampleMember {
  uid: string;
  agentName: string;
  /** The channel or status the member was drawn for, when the sample is stratified. */
  stratum: string | null;
  position: number;
}

const MAX_PER_AGENT = 10_000;

const paramsSchema = z.strictObject({
  name: z.string({ error: 'a name is required' }).trim().min(1, { error: 'a name is required' }).max(100, { error: 'a name has at most 100 characters' }),
  seed: z.union([z.string().trim().min(1).max(100), z.number().finite()], { error: 'the seed is a number or a short text' }),
  perAgent: z.number({ error: 'the number per agent must be a number' }).int({ error: 'the number per agent must be a whole number' }).min(1, {
    error: 'the number per agent must be at least 1',
  }).max(MAX_PER_AGENT, { error: `the number per agent is at most ${MAX_PER_AGENT}` }),
  by: z.enum(['channel', 'status'], { error: 'a sample is split by "channel" or "status"' }).optional(),
  candidates: z.unknown(),
  filter: z.unknown().optional(),
});


function groupSeed(seed: string, agent: string, stratum: string | null): number {
  return createHash('sha256').update(`${seed}\u0000${agent}\u0000${stratum ?? ''}`).digest().readUInt32LE(0);
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function isCandidate(c: unknown): c is SampleCandidate {
  const r = c as Record<string, unknown> | null;
  return typeof r === 'object' && r !== null && typeof r.uid === 'string' && r.uid !== '' && typeof r.agent_name === 'string' &&
    typeof r.channel === 'string' && typeof r.status === 'string';
}

interface Drawn {
  uid: string;
  agent: string;
  stratum: string | null;
}

/** Pure: which candidates the seed picks, in their stored order (agent, stratum, then draw order). */
export function pickMembers(candidates: Iterable<SampleCandidate>, seed: string, perAgent: number, by?: SampleStratum): { members: Drawn[]; candidateCount: number } {
  const groups = new Map<string, { agent: string; stratum: string | null; uids: string[] }>();
  const seen = new Set<string>();
  for (const c of candidates) {
    if (!isCandidate(c)) throw badInput('Each candidate needs uid, agent_name, channel and status.');
    if (seen.has(c.uid)) throw badInput(`The interaction "${c.uid}" appears twice among the candidates.`);
    seen.add(c.uid);
    const stratum = by ? c[by] : null;
    const key = JSON.stringify([c.agent_name, stratum]);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { agent: c.agent_name, stratum, uids: [] }));
    group.uids.push(c.uid);
  }
  const ordered = [...groups.values()].sort((a, b) => byCodeUnits(a.agent, b.agent) || byCodeUnits(a.stratum ?? '', b.stratum ?? ''));
  const members: Drawn[] = [];
  for (const group of ordered) {
    const uids = group.uids.sort(byCodeUnits);
    const random = mulberry32(groupSeed(seed, group.agent, group.stratum));
    const take = Math.min(perAgent, uids.length);
    // Partial Fisher-Yates: only the first `take` places are settled.
    for (let i = 0; i < take; i++) {
      const j = i + Math.floor(random() * (uids.length - i));
      [uids[i], uids[j]] = [uids[j]!, uids[i]!];
      members.push({ uid: uids[i]!, agent: group.agent, stratum: group.stratum });
    }
  }
  return { members, candidateCount: seen.size };
}

/** Draws and stores a sample in one transaction; a name already used is refused. */
export function drawSample(db: Db, input: DrawSampleInput, now: number): SampleInfo {
  const parsed = paramsSchema.safeParse(input);
  if (!parsed.success) throw badInput(`The sample cannot be drawn: ${zodMessage(parsed.error)}.`);
  const { name, perAgent, by, filter } = parsed.data;
  const seed = String(parsed.data.seed);
  const candidates = input.candidates;
  if (candidates === null || typeof candidates !== 'object' || typeof (candidates as Iterable<unknown>)[Symbol.iterator] !== 'function') {
    throw badInput('The sample cannot be drawn: candidates must be a list of interactions.');
  }
  // Consumed before the write starts: the candidates may be a live query on this same connection.
  const { members, candidateCount } = pickMembers(candidates, seed, perAgent, by);
  if (members.length === 0) throw badInput('The sample cannot be drawn: the current filter has no interactions.');

  const params = { perAgent, by: by ?? null, candidateCount };
  const filterJson = JSON.stringify(filter ?? null) ?? 'null';
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
  return { id, name, seed, perAgent, by: by ?? null, candidateCount, memberCount: members.length, filter: filter ?? null, createdAt: now };
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
