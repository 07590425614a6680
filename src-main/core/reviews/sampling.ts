/**
 * Audit samples: N interactions per agent (optionally per agent and channel, or agent and status),
 * drawn reproducibly from a seed and stored as a named audit set.
 *
 * Reproducibility does not depend on how the candidates were queried: they are grouped, each group is
 * sorted by uid (code-unit order, never locale order, which differs between machines), then shuffled
 * by a PRNG seeded from (seed, agent, stratum). A group's draw therefore depends only on the seed and
 * that group's own candidates: adding interactions of another agent changes nothing for this one.
 * Pure: storing and reading samples is store/samples-sql.ts.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { mulberry32 } from '../random/prng';
import { badInput } from '../errors';
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

export interface Drawn {
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

/** A validated draw: what store/samples-sql.ts writes as one sample. */
export interface SamplePlan {
  name: string;
  seed: string;
  perAgent: number;
  by: SampleStratum | null;
  candidateCount: number;
  members: Drawn[];
  /** The filter, as the JSON text stored with the sample. */
  filterJson: string;
  filter: unknown;
}

/**
 * Pure: validates a draw and picks its members. The candidates are consumed here, before any write
 * starts: they may be a live query on the connection that will store the sample.
 */
export function planSample(input: DrawSampleInput): SamplePlan {
  const parsed = paramsSchema.safeParse(input);
  if (!parsed.success) throw badInput(`The sample cannot be drawn: ${zodMessage(parsed.error)}.`);
  const { name, perAgent, by, filter } = parsed.data;
  const seed = String(parsed.data.seed);
  const candidates = input.candidates;
  if (candidates === null || typeof candidates !== 'object' || typeof (candidates as Iterable<unknown>)[Symbol.iterator] !== 'function') {
    throw badInput('The sample cannot be drawn: candidates must be a list of interactions.');
  }
  const { members, candidateCount } = pickMembers(candidates, seed, perAgent, by);
  if (members.length === 0) throw badInput('The sample cannot be drawn: the current filter has no interactions.');
  return { name, seed, perAgent, by: by ?? null, candidateCount, members, filterJson: JSON.stringify(filter ?? null) ?? 'null', filter: filter ?? null };
}
