/**
 * Assignments in SQLite: a sample's split among auditors (reviews/assignments.ts decides it), each
 * auditor's part with its review states, and progress per auditor. On a lone cache the auditors are the
 * names reviews are signed with.
 */
import { badInput } from '../../../errors';
import { parseAuditors, progressByAuditor, splitMembers, type AssignedMember, type SampleAssignment } from '../../../reviews/assignments';
import type { ReviewStatus } from '../../../reviews/types';
import type { Db } from '../connection/database';

function requireSample(db: Db, id: number): { seed: string } {
  const row = db.prepare('SELECT seed FROM samples WHERE id = ?').get(id) as { seed: string } | undefined;
  if (!row) throw badInput(`There is no sample ${id}: it may have been deleted.`);
  return row;
}

/** Reviewer names of reviews and names given work so far, in code-unit order. */
export function knownAuditors(db: Db): string[] {
  const names = db
    .prepare('SELECT reviewer FROM reviews UNION SELECT auditor FROM assignments UNION SELECT auditor FROM calibration_auditors')
    .pluck()
    .all() as string[];
  return names.filter((n) => n.trim() !== '').sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function sampleAssignment(db: Db, sampleId: number): SampleAssignment {
  requireSample(db, sampleId);
  const rows = db
    .prepare(
      `SELECT a.auditor AS auditor, r.status AS status, a.assigned_at AS assigned_at FROM assignments a
       LEFT JOIN reviews r ON r.interaction_uid = a.interaction_uid WHERE a.sample_id = ?`,
    )
    .all(sampleId) as { auditor: string; status: ReviewStatus | null; assigned_at: number }[];
  return { sampleId, auditors: progressByAuditor(rows), assignedAt: rows.length > 0 ? Math.max(...rows.map((r) => r.assigned_at)) : null };
}

/** Replaces the sample's split in one transaction. */
export function assignSample(db: Db, sampleId: number, auditors: readonly string[], now: number): SampleAssignment {
  const names = parseAuditors(auditors);
  db.transaction(() => {
    const { seed } = requireSample(db, sampleId);
    const uids = db.prepare('SELECT interaction_uid FROM sample_members WHERE sample_id = ? ORDER BY position').pluck().all(sampleId) as string[];
    db.prepare('DELETE FROM assignments WHERE sample_id = ?').run(sampleId);
    const add = db.prepare('INSERT INTO assignments (sample_id, interaction_uid, auditor, assigned_at) VALUES (?, ?, ?, ?)');
    for (const { uid, auditor } of splitMembers(uids, names, seed)) add.run(sampleId, uid, auditor, now);
  }).immediate();
  return sampleAssignment(db, sampleId);
}

export function assignedMembers(db: Db, sampleId: number, auditor: string): AssignedMember[] {
  requireSample(db, sampleId);
  const rows = db
    .prepare(
      `SELECT a.interaction_uid AS uid, i.id AS id, m.position AS position, coalesce(r.status, 'unreviewed') AS status
       FROM assignments a JOIN sample_members m ON m.sample_id = a.sample_id AND m.interaction_uid = a.interaction_uid
       LEFT JOIN interactions i ON i.uid = a.interaction_uid LEFT JOIN reviews r ON r.interaction_uid = a.interaction_uid
       WHERE a.sample_id = ? AND a.auditor = ? ORDER BY m.position`,
    )
    .all(sampleId, auditor) as AssignedMember[];
  return rows;
}
