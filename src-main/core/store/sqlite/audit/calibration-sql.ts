/**
 * Calibrations in SQLite: made from a sample's members for named auditors on the active scorecard
 * version, each auditor's answers per interaction kept apart from the reviews. Validation, results and
 * agreement are reviews/calibration.ts.
 */
import { badInput } from '../../../errors';
import { agreementOf, parseCalibrationInput, planCalibrationScore, type CalibrationAgreement, type CalibrationInfo, type CalibrationMember, type CalibrationScore, type CalibrationScoreInput } from '../../../reviews/calibration';
import type { Scores } from '../../../reviews/types';
import { storageError, type Db } from '../connection/database';
import { activeScorecard, requireScorecardVersion } from './scorecards-sql';
import { scoreOfRow, type ScoreRow } from '../../sql/calibration-row';

interface CalibrationRow {
  id: number;
  name: string;
  sample_id: number | null;
  scorecard_id: string;
  scorecard_version: number;
  created_at: number;
}

const NAME_TAKEN = (name: string) => `A calibration named "${name}" already exists: choose another name.`;

function infoOf(db: Db, row: CalibrationRow): CalibrationInfo {
  const auditors = db.prepare('SELECT auditor FROM calibration_auditors WHERE calibration_id = ?').pluck().all(row.id) as string[];
  auditors.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const members = db.prepare('SELECT count(*) FROM calibration_members WHERE calibration_id = ?').pluck().get(row.id) as number;
  const scored = new Map(
    (db.prepare("SELECT auditor, count(*) AS n FROM calibration_scores WHERE calibration_id = ? AND status IN ('pass', 'fail') GROUP BY auditor").all(row.id) as { auditor: string; n: number }[])
      .map((r) => [r.auditor, r.n]),
  );
  return {
    id: row.id, name: row.name, sampleId: row.sample_id, scorecardId: row.scorecard_id, scorecardVersion: row.scorecard_version,
    auditors, members, createdAt: row.created_at, progress: auditors.map((auditor) => ({ auditor, scored: scored.get(auditor) ?? 0 })),
  };
}

function requireCalibration(db: Db, id: number): CalibrationRow {
  const row = db.prepare('SELECT * FROM calibrations WHERE id = ?').get(id) as CalibrationRow | undefined;
  if (!row) throw badInput(`There is no calibration ${id}: it may have been deleted.`);
  return row;
}

export function createCalibration(db: Db, input: unknown, now: number): CalibrationInfo {
  const { name, sampleId, auditors } = parseCalibrationInput(input);
  const card = activeScorecard(db, now);
  let id: number;
  try {
    id = db.transaction((): number => {
      if (db.prepare('SELECT 1 FROM samples WHERE id = ?').get(sampleId) === undefined) throw badInput(`There is no sample ${sampleId}: it may have been deleted.`);
      const taken = db.prepare('SELECT name FROM calibrations WHERE name = ?').pluck().get(name) as string | undefined;
      if (taken !== undefined) throw badInput(NAME_TAKEN(taken));
      const made = Number(
        db.prepare('INSERT INTO calibrations (name, sample_id, scorecard_id, scorecard_version, created_at) VALUES (?, ?, ?, ?, ?)')
          .run(name, sampleId, card.id, card.version, now).lastInsertRowid,
      );
      db.prepare('INSERT INTO calibration_members (calibration_id, interaction_uid, position) SELECT ?, interaction_uid, position FROM sample_members WHERE sample_id = ?').run(made, sampleId);
      const add = db.prepare('INSERT INTO calibration_auditors (calibration_id, auditor) VALUES (?, ?)');
      for (const auditor of auditors) add.run(made, auditor);
      return made;
    }).immediate();
  } catch (error) {
    throw storageError('The calibration could not be saved', error);
  }
  return infoOf(db, requireCalibration(db, id));
}

export function listCalibrations(db: Db): CalibrationInfo[] {
  return (db.prepare('SELECT * FROM calibrations ORDER BY id DESC').all() as CalibrationRow[]).map((row) => infoOf(db, row));
}

export function calibrationMembers(db: Db, id: number): CalibrationMember[] {
  requireCalibration(db, id);
  return db
    .prepare(
      `SELECT m.interaction_uid AS uid, i.id AS id, m.position AS position FROM calibration_members m
       LEFT JOIN interactions i ON i.uid = m.interaction_uid WHERE m.calibration_id = ? ORDER BY m.position`,
    )
    .all(id) as CalibrationMember[];
}

const scoreOf = (r: ScoreRow): CalibrationScore => scoreOfRow(r);

export function saveCalibrationScore(db: Db, input: CalibrationScoreInput, now: number): CalibrationScore {
  return db.transaction((): CalibrationScore => {
    const calibration = requireCalibration(db, input.calibrationId);
    const auditor = typeof input.auditor === 'string' ? input.auditor.trim() : '';
    if (db.prepare('SELECT 1 FROM calibration_auditors WHERE calibration_id = ? AND auditor = ?').get(calibration.id, auditor) === undefined) {
      throw badInput(`"${auditor}" does not take part in the calibration "${calibration.name}".`);
    }
    if (db.prepare('SELECT 1 FROM calibration_members WHERE calibration_id = ? AND interaction_uid = ?').get(calibration.id, input.uid) === undefined) {
      throw badInput(`The interaction "${String(input.uid)}" is not part of the calibration "${calibration.name}".`);
    }
    const card = requireScorecardVersion(db, calibration.scorecard_id, calibration.scorecard_version);
    const current = db.prepare('SELECT scores FROM calibration_scores WHERE calibration_id = ? AND interaction_uid = ? AND auditor = ?').pluck().get(calibration.id, input.uid, auditor) as string | undefined;
    const plan = planCalibrationScore(card, current === undefined ? {} : (JSON.parse(current) as Scores), input.scores);
    db.prepare(
      `INSERT INTO calibration_scores (calibration_id, interaction_uid, auditor, scores, status, overall_score, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (calibration_id, interaction_uid, auditor) DO UPDATE SET scores = excluded.scores, status = excluded.status,
         overall_score = excluded.overall_score, updated_at = excluded.updated_at`,
    ).run(calibration.id, input.uid, auditor, JSON.stringify(plan.scores), plan.status, plan.overallScore, now);
    return { calibrationId: calibration.id, uid: input.uid, auditor, scores: plan.scores, status: plan.status, overallScore: plan.overallScore, updatedAt: now };
  }).immediate();
}

export function calibrationScores(db: Db, id: number): CalibrationScore[] {
  requireCalibration(db, id);
  return (
    db.prepare(
      `SELECT s.* FROM calibration_scores s JOIN calibration_members m ON m.calibration_id = s.calibration_id AND m.interaction_uid = s.interaction_uid
       WHERE s.calibration_id = ? ORDER BY m.position, s.auditor`,
    ).all(id) as ScoreRow[]
  ).map(scoreOf);
}

/** A lone cache has no rights to keep: the agreement of every score. */
export function calibrationAgreement(db: Db, id: number): CalibrationAgreement {
  const calibration = infoOf(db, requireCalibration(db, id));
  const card = requireScorecardVersion(db, calibration.scorecardId, calibration.scorecardVersion);
  return agreementOf(card, calibration.auditors, calibrationScores(db, id));
}

export function deleteCalibration(db: Db, id: number): void {
  db.transaction(() => {
    requireCalibration(db, id);
    db.prepare('DELETE FROM calibration_scores WHERE calibration_id = ?').run(id);
    db.prepare('DELETE FROM calibration_members WHERE calibration_id = ?').run(id);
    db.prepare('DELETE FROM calibration_auditors WHERE calibration_id = ?').run(id);
    db.prepare('DELETE FROM calibrations WHERE id = ?').run(id);
  }).immediate();
}
