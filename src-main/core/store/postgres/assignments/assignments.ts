/**
 * Assignments in the team cache: a sample's split among the team's auditors (reviews/assignments.ts
 * decides it), each auditor's part with its review states, and progress per auditor. Row-level security
 * shows an auditor their own line only (migrations-assignments.ts).
 */
import { badInput } from '../../../errors';
import { parseAuditors, progressByAuditor, splitMembers, type AssignedMember, type SampleAssignment } from '../../../reviews/assignments';
import type { ReviewStatus } from '../../../reviews/types';
import type { PgContext } from '../pg-context';
import type { SqlClient } from '../sql-client';
import { decodeText, encodeText } from '../text-codec';
import { refuseReadOnly } from '../audit/writes';

const isId = (id: number) => Number.isSafeInteger(id);

async function requireSample(sql: SqlClient, id: number, lock = false): Promise<{ seed: string }> {
  const [row] = isId(id) ? await sql.query<{ seed: string }>(`SELECT seed FROM samples WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]) : [];
  if (!row) throw badInput(`There is no sample ${id}: it may have been deleted.`);
  return { seed: decodeText(row.seed) };
}

/** The team's logins that may audit (members of the auditor group, leads included), in code-unit order. */
export async function knownAuditors(sql: SqlClient): Promise<string[]> {
  const rows = await sql.query<{ name: string }>(
    `SELECT r.rolname AS name FROM pg_roles r
     WHERE r.rolcanlogin AND NOT r.rolsuper AND pg_has_role(r.oid, 'wolkvox_auditor', 'MEMBER') ORDER BY r.rolname COLLATE "C"`,
  );
  return rows.map((r) => r.name);
}

export async function sampleAssignment(sql: SqlClient, sampleId: number): Promise<SampleAssignment> {
  await requireSample(sql, sampleId);
  const rows = await sql.query<{ auditor: string; status: ReviewStatus | null; assigned_at: number }>(
    `SELECT a.auditor, r.status, a.assigned_at FROM assignments a
     LEFT JOIN reviews r ON r.interaction_uid = a.interaction_uid WHERE a.sample_id = $1`,
    [sampleId],
  );
  return {
    sampleId,
    auditors: progressByAuditor(rows.map((r) => ({ auditor: decodeText(r.auditor), status: r.status }))),
    assignedAt: rows.length > 0 ? Math.max(...rows.map((r) => r.assigned_at)) : null,
  };
}

/** Replaces the sample's split in one transaction (the sample's row locked, so two leads split in turn). */
export async function assignSample(ctx: PgContext, sampleId: number, auditors: readonly string[], now: number): Promise<SampleAssignment> {
  const names = parseAuditors(auditors);
  refuseReadOnly(ctx, 'The sample cannot be assigned');
  await ctx.transaction(async (tx) => {
    const { seed } = await requireSample(tx, sampleId, true);
    const members = await tx.query<{ uid: string }>('SELECT interaction_uid AS uid FROM sample_members WHERE sample_id = $1 ORDER BY position', [sampleId]);
    const split = splitMembers(members.map((m) => decodeText(m.uid)), names, seed);
    await tx.query('DELETE FROM assignments WHERE sample_id = $1', [sampleId]);
    await tx.query(
      `INSERT INTO assignments (sample_id, interaction_uid, auditor, assigned_at)
       SELECT $1, s.uid, s.auditor, $4 FROM unnest($2::text[], $3::text[]) AS s(uid, auditor)`,
      [sampleId, split.map((s) => encodeText(s.uid)), split.map((s) => encodeText(s.auditor)), now],
    );
  });
  return sampleAssignment(ctx, sampleId);
}

export async function assignedMembers(sql: SqlClient, sampleId: number, auditor: string): Promise<AssignedMember[]> {
  await requireSample(sql, sampleId);
  const rows = await sql.query<{ uid: string; id: number | null; position: number; status: ReviewStatus }>(
    `SELECT a.interaction_uid AS uid, i.id, m.position, coalesce(r.status, 'unreviewed') AS status
     FROM assignments a JOIN sample_members m ON m.sample_id = a.sample_id AND m.interaction_uid = a.interaction_uid
     LEFT JOIN interactions i ON i.uid = a.interaction_uid LEFT JOIN reviews r ON r.interaction_uid = a.interaction_uid
     WHERE a.sample_id = $1 AND a.auditor = $2 ORDER BY m.position`,
    [sampleId, encodeText(auditor)],
  );
  return rows.map((r) => ({ uid: decodeText(r.uid), id: r.id, position: r.position, status: r.status }));
}
