/** A calibration score as both SQL backends keep it; each decodes its stored text its own way (as sql/review-row.ts). */
import type { CalibrationScore } from '../../reviews/calibration';
import type { ReviewStatus, Scores } from '../../reviews/types';

export interface ScoreRow {
  calibration_id: number;
  interaction_uid: string;
  auditor: string;
  scores: string;
  status: ReviewStatus;
  overall_score: number | null;
  updated_at: number;
}

export const scoreOfRow = (r: ScoreRow, decode: (stored: string) => string = (t) => t): CalibrationScore => ({
  calibrationId: r.calibration_id,
  uid: decode(r.interaction_uid),
  auditor: decode(r.auditor),
  scores: JSON.parse(decode(r.scores)) as Scores,
  status: r.status,
  overallScore: r.overall_score,
  updatedAt: r.updated_at,
});
