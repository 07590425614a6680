/**
 * Calibrations in the team cache: made from a sample's members for named auditors on the active scorecard
 * version; each auditor's answers per interaction kept apart from the reviews. Validation, results and
 * agreement are reviews/calibration.ts; who may write what is the migration's (an auditor their own scores).
 */
import { badInput } from '../../../errors';
import { parseCalibrationInput, planCalibrationScore, type CalibrationInfo, type CalibrationMember, type CalibrationScore, type CalibrationScoreInput } from '../../../reviews/calibration';
import type { Scores } from '../../../reviews/types';
import type { PgContext } from '../pg-context';
import type { SqlClient } from '../sql-client';
import { decodeText, encodeText } from '../text-codec';
import { activeIn, requireVersion } from '../audit/scorecards';
import { refuseReadOnly } from '../audit/writes';
import { scoreOfRow, type ScoreRow } from '../../sql/calibration-row';

interface CalibrationRow {
  id: number;
  name: string;
  sample_id: number | null;
  scorecard_id: string;
  scorecard_version: number;
  created_at: number;
  auditors: string[];
  members: number;
}

const UNIQUE_VIOLATION = '23505';
const NAME_TAKEN = (name: string) => `A calibration named "${name}" already exists: choose another name.`;
const isId = (id: number) => Number.isSafeInteger(id);
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const SELECT = `SELECT c.id, c.name, c.sample_id, c.scorecard_id, c.scorecard_version, c.created_at,
  ARRAY(SELECT a.auditor FROM calibration_auditors a WHERE a.calibration_id = c.id) AS auditors,
  (SELECT count(*) FROM calibration_members m WHERE m.calibration_id = c.id) AS members
  FROM calibrations c`;

async function infosOf(sql: SqlClient, rows: CalibrationRow[]): Promise<CalibrationInfo[]> {
  if (rows.length === 0) return [];
  // Every auditor's progress, though an auditor reads only their own scores: counted by a function with
  // the owner's rights that returns counts only (migration "calibration figures").
  const scored = await sql.query<{ calibration_id: number; auditor: string; scored: number }>(
    'SELECT calibration_id, auditor, scored FROM calibration_progress($1::bigint[])',
    [rows.map((r) => r.id)],
  );
  const count = new Map(scored.map((s) => [`${s.calibration_id}\u0000${decodeText(s.auditor)}`, s.scored]));
  return rows.map((row) => {
    const auditors = row.auditors.map(decodeText).sort(byCodeUnits);
    return {
      id: row.id, name: decodeText(row.name), sampleId: row.sample_id, scorecardId: decodeText(row.scorecard_id), scorecardVersion: row.scorecard_version,
      auditors, members: row.members, createdAt: row.created_at,
      progress: auditors.map((auditor) => ({ auditor, scored: count.get(`${row.id}\u0000${auditor}`) ?? 0 })),
    };
  });
}

export async function requireCalibration(sql: SqlClient, id: number): Promise<CalibrationRow> {
  const [row] = isId(id) ? await sql.query<CalibrationRow>(`${SELECT} WHERE c.id = $1`, [id]) : [];
  if (!row) throw badInput(`There is no calibration ${id}: it may have been deleted.`);
  return row;
}

export async function createCalibration(ctx: PgContext, input: unknown, now: number): Promise<CalibrationInfo> {
  const { name, sampleId, auditors } = parseCalibrationInput(input);
  refuseReadOnly(ctx, 'The calibration cannot be saved');
  const id = await ctx.transaction(async (tx) => {
    const card = await activeIn(tx, now);
    const [sample] = await tx.query('SELECT 1 FROM samples WHERE id = $1', [sampleId]);
    if (!sample) throw badInput(`There is no sample ${sampleId}: it may have been deleted.`);
    const [taken] = await tx.query<{ name: string }>('SELECT name FROM calibrations WHERE name_key(name) = name_key($1)', [encodeText(name)]);
    if (taken) throw badInput(NAME_TAKEN(decodeText(taken.name)));
    const [row] = await tx.query<{ id: number }>(
      'INSERT INTO calibrations (name, sample_id, scorecard_id, scorecard_version, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [encodeText(name), sampleId, encodeText(card.id), card.version, now],
    ).catch((error: unknown) => {
      throw (error as { code?: unknown }).code === UNIQUE_VIOLATION ? badInput(NAME_TAKEN(name)) : error;
    });
    await tx.query(
      'INSERT INTO calibration_members (calibration_id, interaction_uid, position) SELECT $1, interaction_uid, position FROM sample_members WHERE sample_id = $2',
      [row!.id, sampleId],
    );
    await tx.query('INSERT INTO calibration_auditors (calibration_id, auditor) SELECT $1, unnest($2::text[])', [row!.id, auditors.map(encodeText)]);
    return row!.id;
  });
  return calibrationInfo(ctx, id);
}

export async function calibrationInfo(sql: SqlClient, id: number): Promise<CalibrationInfo> {
  return (await infosOf(sql, [await requireCalibration(sql, id)]))[0]!;
}

export async function listCalibrations(sql: SqlClient): Promise<CalibrationInfo[]> {
  return infosOf(sql, await sql.query<CalibrationRow>(`${SELECT} ORDER BY c.id DESC`));
}

export async function calibrationMembers(sql: SqlClient, id: number): Promise<CalibrationMember[]> {
  await requireCalibration(sql, id);
  const rows = await sql.query<{ uid: string; id: number | null; position: number }>(
    `SELECT m.interaction_uid AS uid, i.id, m.position FROM calibration_members m
     LEFT JOIN interactions i ON i.uid = m.interaction_uid WHERE m.calibration_id = $1 ORDER BY m.position`,
    [id],
  );
  return rows.map((r) => ({ uid: decodeText(r.uid), id: r.id, position: r.position }));
}

const scoreOf = (r: ScoreRow): CalibrationScore => scoreOfRow(r, decodeText);

export async function saveCalibrationScore(ctx: PgContext, input: CalibrationScoreInput, now: number): Promise<CalibrationScore> {
  refuseReadOnly(ctx, 'The calibration score cannot be saved');
  return ctx.transaction(async (tx) => {
    const calibration = await requireCalibration(tx, input.calibrationId);
    const name = decodeText(calibration.name);
    const auditor = typeof input.auditor === 'string' ? input.auditor.trim() : '';
    if (!calibration.auditors.map(decodeText).includes(auditor)) throw badInput(`"${auditor}" does not take part in the calibration "${name}".`);
    const uid = encodeText(String(input.uid));
    const [member] = await tx.query('SELECT 1 FROM calibration_members WHERE calibration_id = $1 AND interaction_uid = $2', [calibration.id, uid]);
    if (!member) throw badInput(`The interaction "${String(input.uid)}" is not part of the calibration "${name}".`);
    const card = await requireVersion(tx, decodeText(calibration.scorecard_id), calibration.scorecard_version);
    // One auditor's answers on one interaction take turns: the row is locked while the patch is applied.
    const [current] = await tx.query<{ scores: string }>(
      'SELECT scores FROM calibration_scores WHERE calibration_id = $1 AND interaction_uid = $2 AND auditor = $3 FOR UPDATE',
      [calibration.id, uid, encodeText(auditor)],
    );
    const plan = planCalibrationScore(card, current ? (JSON.parse(decodeText(current.scores)) as Scores) : {}, input.scores);
    const [row] = await tx.query<ScoreRow>(
      `INSERT INTO calibration_scores (calibration_id, interaction_uid, auditor, scores, status, overall_score, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (calibration_id, interaction_uid, auditor) DO UPDATE SET scores = excluded.scores, status = excluded.status,
         overall_score = excluded.overall_score, updated_at = excluded.updated_at RETURNING *`,
      [calibration.id, uid, encodeText(auditor), encodeText(JSON.stringify(plan.scores)), plan.status, plan.overallScore, now],
    );
    return scoreOf(row!);
  });
}

export async function calibrationScores(sql: SqlClient, id: number): Promise<CalibrationScore[]> {
  await requireCalibration(sql, id);
  const rows = await sql.query<ScoreRow>(
    `SELECT s.* FROM calibration_scores s JOIN calibration_members m ON m.calibration_id = s.calibration_id AND m.interaction_uid = s.interaction_uid
     WHERE s.calibration_id = $1 ORDER BY m.position, s.auditor COLLATE "C"`,
    [id],
  );
  return rows.map(scoreOf);
}

export async function deleteCalibration(ctx: PgContext, id: number): Promise<void> {
  refuseReadOnly(ctx, 'The calibration cannot be deleted');
  await ctx.transaction(async (tx) => {
    await requireCalibration(tx, id);
    // The members, auditors and scores go with it (cascades).
    await tx.query('DELETE FROM calibrations WHERE id = $1', [id]);
  });
}
