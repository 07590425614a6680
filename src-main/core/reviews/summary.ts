/**
 * The figures of the workbook's Summary sheet, for one set of interactions (the exported view), and
 * the scorecard versions its reviews used (the Scorecard sheet). One SQL statement per dimension, so
 * the numbers come from the database as it is at export time, not from rows held in memory.
 */
import type { Db } from '../store/database';
import { setSql } from './interaction-set';
import { scorecardVersion } from './scorecard';
import type { InteractionSet, Scorecard } from './types';

export type SummaryDimension = 'agent' | 'channel' | 'status';

export interface SummaryRow {
  /** The agent name, channel or interaction status. */
  key: string;
  interactions: number;
  /** Decided reviews (pass or fail). */
  reviewed: number;
  passed: number;
  failed: number;
  /** passed / reviewed, 0..1 (a percentage format in Excel); null when nothing is reviewed. */
  passRate: number | null;
  /** Mean overall score (0-100) of the reviews that have one; null when none has. */
  averageScore: number | null;
  /** How many interactions have a survey evaluation. */
  evaluated: number;
  /** Mean survey evaluation (1-5) of those; null when none. */
  averageEvaluation: number | null;
}

export interface Summary {
  byAgent: SummaryRow[];
  byChannel: SummaryRow[];
  byStatus: SummaryRow[];
  total: SummaryRow;
}

const COLUMN: Record<SummaryDimension, string> = { agent: 'i.agent_name', channel: 'i.channel', status: 'i.status' };

// evaluation_survey is text: "1".."5" when the customer answered, '' otherwise. Anything else (a
// future scale, stray spaces) is left out rather than averaged in as 0.
const EVALUATION = `CASE WHEN trim(i.evaluation_survey) IN ('1', '2', '3', '4', '5') THEN CAST(trim(i.evaluation_survey) AS INTEGER) END`;

const FIGURES = `count(*) AS interactions,
  count(CASE WHEN r.status IN ('pass', 'fail') THEN 1 END) AS reviewed,
  count(CASE WHEN r.status = 'pass' THEN 1 END) AS passed,
  count(CASE WHEN r.status = 'fail' THEN 1 END) AS failed,
  avg(r.overall_score) AS average_score,
  count(${EVALUATION}) AS evaluated,
  avg(${EVALUATION}) AS average_evaluation`;

/** The SQL of one dimension (or of the total when `dimension` is undefined), with its parameters. */
export function summarySql(set: InteractionSet, dimension?: SummaryDimension): { sql: string; params: unknown[] } {
  const { from, params } = setSql(set);
  const join = `${from} LEFT JOIN reviews r ON r.interaction_uid = i.uid`;
  if (!dimension) return { sql: `SELECT '' AS key, ${FIGURES} ${join}`, params };
  const column = COLUMN[dimension];
  // BINARY order is code-point order: the same on every machine, unlike a locale's.
  return { sql: `SELECT ${column} AS key, ${FIGURES} ${join} GROUP BY ${column} ORDER BY ${column}`, params };
}

interface FigureRow {
  key: string;
  interactions: number;
  reviewed: number;
  passed: number;
  failed: number;
  average_score: number | null;
  evaluated: number;
  average_evaluation: number | null;
}

function toRow(r: FigureRow): SummaryRow {
  return {
    key: r.key,
    interactions: r.interactions,
    reviewed: r.reviewed,
    passed: r.passed,
    failed: r.failed,
    passRate: r.reviewed > 0 ? r.passed / r.reviewed : null,
    averageScore: r.average_score,
    evaluated: r.evaluated,
    averageEvaluation: r.average_evaluation,
  };
}

function figures(db: Db, set: InteractionSet, dimension?: SummaryDimension): SummaryRow[] {
  const { sql, params } = summarySql(set, dimension);
  return (db.prepare(sql).all(...params) as FigureRow[]).map(toRow);
}

/** Per agent, per channel, per status and in total; read in one transaction so the four agree. */
export function reviewSummary(db: Db, set: InteractionSet = { kind: 'all' }): Summary {
  return db.transaction(() => ({
    byAgent: figures(db, set, 'agent'),
    byChannel: figures(db, set, 'channel'),
    byStatus: figures(db, set, 'status'),
    total: figures(db, set)[0]!,
  }))();
}

/** The scorecard versions the set's reviews were scored with, oldest first (the Scorecard sheet). */
export function scorecardsUsed(db: Db, set: InteractionSet = { kind: 'all' }): Scorecard[] {
  const { from, params } = setSql(set);
  const used = db
    .prepare(
      `SELECT DISTINCT r.scorecard_id AS id, r.scorecard_version AS version ${from} JOIN reviews r ON r.interaction_uid = i.uid
       ORDER BY r.scorecard_id, r.scorecard_version`,
    )
    .all(...params) as { id: string; version: number }[];
  return used.map((u) => scorecardVersion(db, u.id, u.version)).filter((c): c is Scorecard => c !== undefined);
}
