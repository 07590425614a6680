/**
 * The review model's shapes, shared by the store functions, the service and the export. Plain data
 * only (no class instances), so every value can cross the bridge and go into `--json` output as is.
 */

export const REVIEW_STATUSES = ['unreviewed', 'in review', 'pass', 'fail'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export const ATTRIBUTE_SCALES = ['yes-no', '1-5'] as const;
export type AttributeScale = (typeof ATTRIBUTE_SCALES)[number];

export interface ScorecardAttribute {
  /** Stable key the scores are stored under (lowercase letters, digits, `_`). */
  key: string;
  name: string;
  /** Relative weight in the overall score; any positive number. */
  weight: number;
  scale: AttributeScale;
  /** A failed critical attribute (no, or 1 on the 1-5 scale) fails the review on its own. */
  critical: boolean;
}

/** One immutable version of a scorecard. */
export interface Scorecard {
  id: string;
  version: number;
  name: string;
  /** Overall score (0-100) from which a fully scored review is suggested as 'pass'. */
  passMark: number;
  attributes: readonly ScorecardAttribute[];
  createdAt: number;
}

/** What `saveScorecard` accepts; `id` defaults to 'default', `passMark` to 80, `critical` to false. */
export interface ScorecardInput {
  id?: string;
  name: string;
  passMark?: number;
  attributes: ReadonlyArray<Omit<ScorecardAttribute, 'critical'> & { critical?: boolean }>;
}

/** yes-no: true/false; 1-5: an integer 1..5; null: not scored (yet). */
export type ScoreValue = boolean | number | null;
export type Scores = Readonly<Record<string, ScoreValue>>;

export interface Review {
  uid: string;
  status: ReviewStatus;
  scorecardId: string;
  scorecardVersion: number;
  scores: Scores;
  /** 0-100, null until every attribute of the review's scorecard version is scored. */
  overallScore: number | null;
  note: string;
  tags: readonly string[];
  /** Who saved it last (the history keeps everyone). */
  reviewer: string;
  createdAt: number;
  updatedAt: number;
}

export interface ReviewInput {
  uid: string;
  /** Omitted: kept (an unreviewed review with content becomes 'in review'; a failed critical attribute makes it 'fail'). */
  status?: ReviewStatus;
  /** A patch: keys given are set, `null` clears one, keys not given keep their score. */
  scores?: Scores;
  note?: string;
  /** Replaces the tags when given. */
  tags?: readonly string[];
  reviewer: string;
  /** Move an existing review to the active scorecard (scores of attributes that still exist with the same scale are kept). */
  rescore?: boolean;
}

export interface ReviewChangeValue {
  from: unknown;
  to: unknown;
}

export interface ReviewChange {
  id: number;
  uid: string;
  changedAt: number;
  reviewer: string;
  action: 'create' | 'update' | 'rescore';
  /** Field name (scores per attribute as `scores.<key>`) to its previous and new value. */
  changes: Readonly<Record<string, ReviewChangeValue>>;
}

export interface ReviewStatusCounts {
  total: number;
  unreviewed: number;
  inReview: number;
  pass: number;
  fail: number;
  /** Decided reviews (pass + fail): the "38" of "38 of 120 reviewed". */
  reviewed: number;
}
