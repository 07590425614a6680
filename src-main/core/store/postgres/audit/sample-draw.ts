/**
 * Drawing a sample in the team cache: the candidates are the filter's rows less what the rule leaves
 * out (conditions shared by the preview and the draw, so the size shown is the size drawn); the members
 * are picked by reviews/sampling.ts from the decoded rows, so the same seed and candidates give the same
 * members as any other store; the sample and its member list are stored in one transaction.
 */
import { badInput } from '../../../errors';
import { CLOSED_STATUSES, drawSize, type SampleRule } from '../../../reviews/sample-rule';
import { drawRule, planSample, type SampleCandidate, type SampleInfo } from '../../../reviews/sampling';
import { perAgentOf, sampleParamsToStore } from '../../../reviews/stored-forms';
import type { InteractionFilter } from '../../filter';
import type { SampleDraw, SamplePreview } from '../../store';
import type { PgContext } from '../pg-context';
import type { SqlClient } from '../sql-client';
import { compilePgFilter, SqlParams, whereOf } from '../reads/filter-sql';
import { decodeText, encodeText } from '../text-codec';
import { nameTaken, NAME_TAKEN, progressOf, sampleWriteError } from './samples';
import { refuseReadOnly } from './writes';

/** The filter's conditions and the rule's exclusions, on `i`. */
function candidateConditions(filter: InteractionFilter, rule: SampleRule, params: SqlParams): string[] {
  const where = compilePgFilter(filter).conditions(params, 'i');
  // Decided reviews only: 'in review' is work started, not a review done.
  if (rule.skipReviewed) where.push("NOT EXISTS (SELECT 1 FROM reviews r WHERE r.interaction_uid = i.uid AND r.status IN ('pass', 'fail'))");
  if (rule.skipOpen) where.push(`i.status = ANY(${params.add(CLOSED_STATUSES.map(encodeText))}::text[])`);
  if (rule.skipNoAgent) where.push("trim(i.agent_name) <> ''");
  return where;
}

/** What a draw with this rule would take, from one grouped count (no rows read into the app). */
export async function previewOf(sql: SqlClient, filter: InteractionFilter, rule: SampleRule): Promise<SamplePreview> {
  const params = new SqlParams();
  const where = whereOf(candidateConditions(filter, rule, params));
  const keys = [rule.perAgent ? 'i.agent_name' : null, rule.by ? `i.${rule.by === 'channel' ? 'channel' : 'status'}` : null].filter((k): k is string => k !== null);
  const rows = await sql.query<{ n: number }>(`SELECT count(*) AS n FROM interactions i ${where}${keys.length ? ` GROUP BY ${keys.join(', ')}` : ''}`, params.values);
  const sizes = rows.map((r) => r.n).filter((n) => n > 0);
  return { candidates: sizes.reduce((s, n) => s + n, 0), size: drawSize(sizes, rule) };
}

async function candidatesOf(sql: SqlClient, filter: InteractionFilter, rule: SampleRule): Promise<SampleCandidate[]> {
  const params = new SqlParams();
  const where = whereOf(candidateConditions(filter, rule, params));
  const rows = await sql.query<SampleCandidate>(`SELECT i.uid, i.agent_name, i.channel, i.status FROM interactions i ${where}`, params.values);
  return rows.map((r) => ({ uid: decodeText(r.uid), agent_name: decodeText(r.agent_name), channel: decodeText(r.channel), status: decodeText(r.status) }));
}

/** Draws and stores a sample; a name another sample has (in any letter case) is refused. */
export async function drawSampleIn(ctx: PgContext, draw: SampleDraw, now: number): Promise<SampleInfo> {
  // The rule first: its exclusions are conditions of the candidate query. Planned before the write starts.
  const rule = drawRule(draw);
  refuseReadOnly(ctx, 'The sample cannot be saved');
  const candidates = await candidatesOf(ctx, draw.filter, rule);
  const { name, seed, candidateCount, members, filterJson, filter } = planSample({ ...draw, candidates });
  const id = await ctx.transaction(async (tx) => {
    // As a review's save (review-save.ts): wait for a purge under way, so no member outlives its interaction.
    await tx.query('LOCK TABLE sample_members IN ROW EXCLUSIVE MODE');
    const taken = await nameTaken(tx, name);
    if (taken !== null) throw badInput(NAME_TAKEN(taken));
    // A row may have been purged since the candidates were read.
    const uids = members.map((m) => encodeText(m.uid));
    const [missing] = await tx.query<{ uid: string }>(
      'SELECT m.uid FROM unnest($1::text[]) AS m(uid) WHERE NOT EXISTS (SELECT 1 FROM interactions i WHERE i.uid = m.uid) LIMIT 1',
      [uids],
    );
    if (missing) throw badInput(`The interaction "${decodeText(missing.uid)}" is not in this team cache.`);
    const [row] = await tx.query<{ id: number }>(
      'INSERT INTO samples (name, seed, params, filter, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [encodeText(name), encodeText(seed), encodeText(sampleParamsToStore(rule, candidateCount)), encodeText(filterJson), now],
    ).catch((error: unknown) => {
      throw sampleWriteError(error, name);
    });
    await tx.query(
      `INSERT INTO sample_members (sample_id, interaction_uid, agent_name, stratum, position)
       SELECT $1, m.uid, m.agent, m.stratum, m.position - 1 FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS m(uid, agent, stratum, position)`,
      [row!.id, uids, members.map((m) => encodeText(m.agent)), members.map((m) => (m.stratum === null ? null : encodeText(m.stratum)))],
    );
    return row!.id;
  });
  const progress = await progressOf(ctx, id);
  return { id, name, seed, perAgent: perAgentOf(rule), by: rule.by, rule, ruleRecorded: true, candidateCount, memberCount: members.length, filter, createdAt: now, progress };
}
