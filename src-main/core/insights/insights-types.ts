/**
 * The figures behind the Insights view, for one selection (the grid's filter) in one time zone. Plain
 * data, so it crosses the reader thread, the bridge and a test's assertions as is.
 *
 * Definitions (the tests compute the same from SQL of their own):
 * - closed: the interaction has a close date (closed_utc); open otherwise, whatever its status text.
 * - handle time: closed_utc − created_utc of closed interactions; median and p90 are nearest-rank
 *   (the smallest value with at least half, or 90 %, of the values at or below it).
 * - survey evaluation: numeric when the trimmed text is 1..5 (as in the workbook's Summary).
 * - reviewed: decided reviews (pass + fail); pass rate = pass / reviewed; average score over reviews
 *   that have an overall score, whatever their status (as in the Summary sheet).
 * - an attribute fails when scored "no", or 1 on the 1-5 scale; its score is 0-100 (no = 0, yes = 100,
 *   1-5 → 0, 25, 50, 75, 100). A review counts as a critical failure when an attribute its scorecard
 *   version marks critical failed.
 * - days, hours, weekdays and weeks (starting Monday) are those of `zone`; rows with no creation date
 *   count in `total` and the tables of agents, typifications and survey values, not in time charts.
 */
export interface VolumePoint {
  /** `YYYY-MM-DD` (unit day) or `YYYY-MM-DD HH` (unit hour), local. */
  key: string;
  startUtc: number;
  endUtc: number;
  /** One count per entry of `channels`. */
  counts: number[];
  total: number;
}

export interface AgentFigures {
  agent: string;
  interactions: number;
  closed: number;
  /** closed / interactions, 0..1. */
  shareClosed: number;
  medianHandleMs: number | null;
  p90HandleMs: number | null;
  evaluated: number;
  averageEvaluation: number | null;
  reviewed: number;
  passed: number;
  passRate: number | null;
  averageScore: number | null;
}

export interface TypificationFigures {
  code: string;
  description: string;
  total: number;
  open: number;
  closed: number;
}

export interface WeekFigures {
  /** `YYYY-MM-DD` of the local Monday. */
  week: string;
  startUtc: number;
  endUtc: number;
}

export interface AuditFigures {
  reviewed: number;
  passed: number;
  failed: number;
  passRate: number | null;
  averageScore: number | null;
  criticalFailures: number;
  /** Of the reviewed, those whose result is an auditor's override (counted in passed or failed as overridden). */
  overridden: number;
}

export interface AttributeFigures {
  key: string;
  /** Its name in the newest scorecard version that has it. */
  name: string;
  critical: boolean;
  scored: number;
  failed: number;
  passRate: number | null;
  averageScore: number | null;
  /** Failures where the attribute was critical in the review's scorecard version. */
  criticalFailures: number;
  /** Answered N/A: left out of scored, the pass rate and the average. */
  notApplicable: number;
  /** Reviews that answered the attribute (N/A included) whose result is an auditor's override. */
  overridden: number;
}

export interface Insights {
  zone: string;
  total: number;
  volume: { unit: 'day' | 'hour'; channels: string[]; points: VolumePoint[] };
  /** 7 rows (Monday first) of 24 hours. */
  heatmap: number[][];
  agents: AgentFigures[];
  /** The most frequent first (at most `TOP_TYPIFICATIONS`), and how many distinct ones exist. */
  typifications: { top: TypificationFigures[]; distinct: number };
  survey: {
    /** Every evaluation_survey value with its count ('' = not answered), most frequent first. */
    distribution: { value: string; count: number }[];
    weekly: (WeekFigures & { evaluated: number; averageEvaluation: number | null })[];
  };
  audit: {
    total: AuditFigures;
    attributes: AttributeFigures[];
    byAgent: (AuditFigures & { agent: string })[];
    byWeek: (WeekFigures & AuditFigures)[];
  };
}

export const TOP_TYPIFICATIONS = 20;
/** Per hour when the selection spans at most this much. */
export const HOURLY_SPAN_MS = 2 * 86_400_000;
