/**
 * Audit samples, drawn reproducibly from a seed by a rule (sample-rule.ts: N or P% of each agent's
 * interactions, optionally split by channel or status, or of the whole selection) and stored as a named
 * audit set.
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
import { MAX_PER_GROUP, parseRule, perAgentRule, takeOf, type SampleRule, type SampleRuleInput, type SampleStratum } from './sample-rule';
import { zodMessage } from './validation';

export type { SampleRule, SampleRuleInput, SampleStratum } from './sample-rule';

export interface SampleCandidate {
  uid: string;
  agent_name: string;
  channel: string;
  status: string;
}

export interface DrawSampleInput {
  name: string;
  /** Any text or number; the same seed and candidates always give the same members. */
  seed: string | number;
  /** The first form of a rule, kept: N per agent (with `by`). Give this or `rule`, not both. */
  perAgent?: number;
  by?: SampleStratum;
  rule?: SampleRuleInput;
  /** The current filter's rows (an array, or a statement's `.iterate()`); order does not matter. */
  candidates: Iterable<SampleCandidate>;
  /** The filter the candidates came from, kept with the sample for the record. */
  filter?: unknown;
}

/** A sample's decided reviews, from its members' current review states. */
export interface SampleProgress {
  /** Members with a decided review (pass or fail); 'in review' is not reviewed yet. */
  reviewed: number;
  passed: number;
  failed: number;
}

export interface SampleInfo {
  id: number;
  name: string;
  seed: string;
  /** The number per agent when the rule is a count per agent, else null. */
  perAgent: number | null;
  by: SampleStratum | null;
  rule: SampleRule;
  /** False for samples drawn before the rule was recorded: only its number per agent and split are known. */
  ruleRecorded: boolean;
  candidateCount: number;
  memberCount: number;
  filter: unknown;
  createdAt: number;
  progress: SampleProgress;
}

export interface SampleMember {
  uid: string;
  agentName: string;
  /** The channel or status the member was drawn for, when the sample is stratified. */
  stratum: string | null;
  position: number;
}

const paramsSchema = z.strictObject({
  name: z.string({ error: 'a name is required' }).trim().min(1, { error: 'a name is required' }).max(100, { error: 'a name has at most 100 characters' }),
  seed: z.union([z.string().trim().min(1).max(100), z.number().finite()], { error: 'the seed is a number or a short text' }),
  perAgent: z.number({ error: 'the number per agent must be a number' }).int({ error: 'the number per agent must be a whole number' }).min(1, {
    error: 'the number per agent must be at least 1',
  }).max(MAX_PER_GROUP, { error: `the number per agent is at most ${MAX_PER_GROUP}` }).optional(),
  by: z.enum(['channel', 'status'], { error: 'a sample is split by "channel" or "status"' }).optional(),
  rule: z.unknown().optional(),
  candidates: z.unknown(),
  filter: z.unknown().optional(),
});

/** The PRNG seed of one group; a whole-selection group (agent null) has its own, apart from any agent's. */
function groupSeed(seed: string, agent: string | null, stratum: string | null): number {
  const key = agent === null ? `${seed}\u0001${stratum ?? ''}` : `${seed}\u0000${agent}\u0000${stratum ?? ''}`;
  return createHash('sha256').update(key).digest().readUInt32LE(0);
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

type GroupRule = Pick<SampleRule, 'unit' | 'amount' | 'perAgent' | 'by'>;

/**
 * Pure: which candidates the seed picks, in their stored order (agent, stratum, then draw order).
 * `rule` is a rule, or (the first form) a number per agent split by `by`.
 */
export function pickMembers(
  candidates: Iterable<SampleCandidate>,
  seed: string,
  rule: GroupRule | number,
  by?: SampleStratum,
): { members: Drawn[]; candidateCount: number } {
  const r = typeof rule === 'number' ? perAgentRule(rule, by ?? null) : rule;
  const groups = new Map<string, { agent: string | null; stratum: string | null; members: Drawn[] }>();
  const seen = new Set<string>();
  for (const c of candidates) {
    if (!isCandidate(c)) throw badInput('Each candidate needs uid, agent_name, channel and status.');
    if (seen.has(c.uid)) throw badInput(`The interaction "${c.uid}" appears twice among the candidates.`);
    seen.add(c.uid);
    const stratum = r.by ? c[r.by] : null;
    const agent = r.perAgent ? c.agent_name : null;
    const key = JSON.stringify([agent, stratum]);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { agent, stratum, members: [] }));
    group.members.push({ uid: c.uid, agent: c.agent_name, stratum });
  }
  const ordered = [...groups.values()].sort((a, b) => byCodeUnits(a.agent ?? '', b.agent ?? '') || byCodeUnits(a.stratum ?? '', b.stratum ?? ''));
  const members: Drawn[] = [];
  for (const group of ordered) {
    const pool = group.members.sort((a, b) => byCodeUnits(a.uid, b.uid));
    const random = mulberry32(groupSeed(seed, group.agent, group.stratum));
    const take = takeOf(pool.length, r);
    // Partial Fisher-Yates: only the first `take` places are settled.
    for (let i = 0; i < take; i++) {
      const j = i + Math.floor(random() * (pool.length - i));
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
      members.push(pool[i]!);
    }
  }
  return { members, candidateCount: seen.size };
}

/** A validated draw: what store/samples-sql.ts writes as one sample. */
export interface SamplePlan {
  name: string;
  seed: string;
  rule: SampleRule;
  candidateCount: number;
  members: Drawn[];
  /** The filter, as the JSON text stored with the sample. */
  filterJson: string;
  filter: unknown;
}

/** The rule of a draw: `rule`, or the first form (`perAgent` with `by`); exactly one of them. */
export function drawRule(input: Pick<DrawSampleInput, 'perAgent' | 'by' | 'rule'>): SampleRule {
  if (input.rule !== undefined) {
    if (input.perAgent !== undefined || input.by !== undefined) throw badInput('The sample cannot be drawn: give a rule or a number per agent, not both.');
    return parseRule(input.rule);
  }
  if (input.perAgent === undefined) throw badInput('The sample cannot be drawn: say how many interactions to draw.');
  return perAgentRule(input.perAgent, input.by ?? null);
}

/**
 * Pure: validates a draw and picks its members. The candidates are consumed here, before any write
 * starts: they may be a live query on the connection that will store the sample. The rule's exclusions
 * are already applied to them (the store's candidate query).
 */
export function planSample(input: DrawSampleInput): SamplePlan {
  const parsed = paramsSchema.safeParse(input);
  if (!parsed.success) throw badInput(`The sample cannot be drawn: ${zodMessage(parsed.error)}.`);
  const { name, filter } = parsed.data;
  const rule = drawRule({ perAgent: parsed.data.perAgent, by: parsed.data.by, rule: parsed.data.rule as SampleRuleInput | undefined });
  const seed = String(parsed.data.seed);
  const candidates = input.candidates;
  if (candidates === null || typeof candidates !== 'object' || typeof (candidates as Iterable<unknown>)[Symbol.iterator] !== 'function') {
    throw badInput('The sample cannot be drawn: candidates must be a list of interactions.');
  }
  const { members, candidateCount } = pickMembers(candidates, seed, rule);
  if (members.length === 0) throw badInput('The sample cannot be drawn: the current filter has no interactions left to draw from.');
  return { name, seed, rule, candidateCount, members, filterJson: JSON.stringify(filter ?? null) ?? 'null', filter: filter ?? null };
}
