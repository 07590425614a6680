/**
 * Stored samples in the team cache: read with their members' progress, found by id or by name (letter
 * case A–Z ignored, as SQLite's NOCASE: name_key(), migration "names ignore ASCII case"), renamed and
 * deleted. Deleting a sample removes its member list only: the reviews of its members are the auditors' work and stay.
 */
import { badInput } from '../../../errors';
import { sampleParamsOf } from '../../../reviews/stored-forms';
import type { SampleInfo, SampleMember } from '../../../reviews/sampling';
import type { PgContext } from '../pg-context';
import type { SqlClient } from '../sql-client';
import { decodeNullable, decodeText, encodeText } from '../text-codec';
import { refuseReadOnly } from './writes';

export const NAME_TAKEN = (taken: string) => `A sample named "${taken}" already exists: choose another name.`;
const UNIQUE_VIOLATION = '23505';

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
  count(*) FILTER (WHERE r.status IN ('pass', 'fail')) AS reviewed,
  count(*) FILTER (WHERE r.status = 'pass') AS passed
  FROM samples s LEFT JOIN sample_members m ON m.sample_id = s.id LEFT JOIN reviews r ON r.interaction_uid = m.interaction_uid`;

function sampleOf(row: SampleRow): SampleInfo {
  return {
    id: row.id,
    name: decodeText(row.name),
    seed: decodeText(row.seed),
    ...sampleParamsOf(decodeText(row.params)),
    memberCount: row.member_count,
    filter: JSON.parse(decodeText(row.filter)) as unknown,
    createdAt: row.created_at,
    progress: { reviewed: row.reviewed, passed: row.passed, failed: row.reviewed - row.passed },
  };
}

async function oneSample(sql: SqlClient, condition: string, value: unknown): Promise<SampleInfo | null> {
  const [row] = await sql.query<SampleRow>(`${SAMPLE_SELECT} WHERE ${condition} GROUP BY s.id`, [value]);
  return row ? sampleOf(row) : null;
}

export async function progressOf(sql: SqlClient, id: number): Promise<SampleInfo['progress']> {
  const sample = await oneSample(sql, 's.id = $1', id);
  return sample?.progress ?? { reviewed: 0, passed: 0, failed: 0 };
}

/** The name of another sample called `name` in any letter case, or null. */
export async function nameTaken(sql: SqlClient, name: string, exceptId?: number): Promise<string | null> {
  const [row] = await sql.query<{ name: string }>('SELECT name FROM samples WHERE name_key(name) = name_key($1) AND id IS DISTINCT FROM $2', [encodeText(name), exceptId ?? null]);
  return row ? decodeText(row.name) : null;
}

/**
 * The error of a write that met the unique name index: another store took the name between the check
 * and the write. Any other error passes unchanged.
 */
export function sampleWriteError(error: unknown, name: string): unknown {
  return (error as { code?: unknown } | null)?.code === UNIQUE_VIOLATION ? badInput(NAME_TAKEN(name)) : error;
}

async function requireSample(sql: SqlClient, id: number): Promise<void> {
  const [row] = await sql.query('SELECT 1 FROM samples WHERE id = $1', [id]);
  if (!row) throw badInput(`There is no sample ${id}: it may have been deleted.`);
}

/** Ids are int8: a number beyond it names no sample (rather than a driver error). */
const isId = (id: number) => Number.isSafeInteger(id);

export function pgSamples(ctx: PgContext) {
  return {
    /** Every stored sample with its progress, newest first. */
    async listSamples(): Promise<SampleInfo[]> {
      return (await ctx.query<SampleRow>(`${SAMPLE_SELECT} GROUP BY s.id ORDER BY s.id DESC`)).map(sampleOf);
    },
    /** A sample by its name, letter case ignored (`--sample NAME`). */
    sampleByName: (name: string) => oneSample(ctx, 'name_key(s.name) = name_key($1)', encodeText(name.trim())),
    sampleById: async (id: number) => (isId(id) ? oneSample(ctx, 's.id = $1', id) : null),
    /** The members in their stored order; an unknown sample is 'bad-input'. */
    async sampleMembers(id: number): Promise<SampleMember[]> {
      // One statement: the sample's row tells a sample that exists from one that does not.
      const rows = isId(id)
        ? await ctx.query<{ interaction_uid: string | null; agent_name: string; stratum: string | null; position: number }>(
            `SELECT m.interaction_uid, m.agent_name, m.stratum, m.position
             FROM samples s LEFT JOIN sample_members m ON m.sample_id = s.id WHERE s.id = $1 ORDER BY m.position`,
            [id],
          )
        : [];
      if (rows.length === 0) throw badInput(`There is no sample ${id}: it may have been deleted.`);
      return rows.flatMap((r) =>
        r.interaction_uid === null ? [] : [{ uid: decodeText(r.interaction_uid), agentName: decodeText(r.agent_name), stratum: decodeNullable(r.stratum), position: r.position }],
      );
    },
    /** Renames a sample; a name another sample has (in any letter case) is refused. */
    async renameSample(id: number, name: string): Promise<SampleInfo> {
      const trimmed = name.trim();
      if (!trimmed || trimmed.length > 100) throw badInput('A sample name has 1 to 100 characters.');
      if (!isId(id)) throw badInput(`There is no sample ${id}: it may have been deleted.`);
      refuseReadOnly(ctx, 'The sample cannot be renamed');
      return ctx.transaction(async (tx) => {
        await requireSample(tx, id);
        const taken = await nameTaken(tx, trimmed, id);
        if (taken !== null) throw badInput(NAME_TAKEN(taken));
        await tx.query('UPDATE samples SET name = $1 WHERE id = $2', [encodeText(trimmed), id]).catch((error: unknown) => {
          throw sampleWriteError(error, trimmed);
        });
        return (await oneSample(tx, 's.id = $1', id))!;
      });
    },
    async deleteSample(id: number): Promise<void> {
      if (!isId(id)) throw badInput(`There is no sample ${id}: it may have been deleted.`);
      refuseReadOnly(ctx, 'The sample cannot be deleted');
      await ctx.transaction(async (tx) => {
        await requireSample(tx, id);
        await tx.query('DELETE FROM sample_members WHERE sample_id = $1', [id]);
        await tx.query('DELETE FROM samples WHERE id = $1', [id]);
      });
    },
  };
}
