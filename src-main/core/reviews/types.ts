/**
 * The review model's shapes, shared by the store functions, the service and the export. Plain data
 * only (no class instances), so every value can cross the bridge and go into `--json` output as is.
 */

export const REVIEW_STATUSES = ['unreviewed', 'in review', 'pass', 'fail'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** What an auditor may override a complete review's result to. */
export const OVERRIDE_STATUSES = ['pass', 'fail'] as const;
export type OverrideStatus = (typeof OVERRIDE_STATUSES)[number];
/** The longest override reason and attribute help text. */
export const OVERRIDE_REASON_MAX_CHARS = 500;
export const ATTRIBUTE_HELP_MAX_CHARS = 500;

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
  /** What the auditor checks, shown next to the attribute ('' when none; at most 500 characters). */
  help: string;
  /** Whether 'na' (does not apply) is an answer; an N/A attribute is left out of the score. */
  naAllowed: boolean;
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

/** What `saveScorecard` accepts; `id` defaults to 'default', `passMark` to 80, `critical` and `naAllowed` to false, `help` to ''. */
export interface ScorecardInput {
  id?: string;
  name: string;
  passMark?: number;
  attributes: ReadonlyArray<Omit<ScorecardAttribute, 'critical' | 'help' | 'naAllowed'> & { critical?: boolean; help?: string; naAllowed?: boolean }>;
}

/** The languages the default scorecard is written in (the UI's languages). */
export const SCORECARD_LANGUAGES = ['en', 'es'] as const;
export type ScorecardLanguage = (typeof SCORECARD_LANGUAGES)[number];

/** yes-no: true/false; 1-5: an integer 1..5; 'na': does not apply (where the attribute allows it); null: not scored (yet). */
export type ScoreValue = boolean | number | 'na' | null;
export type Scores = Readonly<Record<string, ScoreValue>>;

/** An auditor's decision against the computed result; who and when are in the review's history. */
export interface ReviewOverride {
  status: OverrideStatus;
  /** Why (1-500 characters): required, so a misclick cannot change a pass rate. */
  reason: string;
}

export interface Review {
  uid: string;
  /** The effective result: `override.status` when overridden, else `computedStatus`. */
  status: ReviewStatus;
  /** What the scores give by the rule of reviews/result.ts. */
  computedStatus: ReviewStatus;
  override: ReviewOverride | null;
  scorecardId: string;
  scorecardVersion: number;
  scores: Scores;
  /** 0-100, null until every attribute of the review's scorecard version is answered, and when every answer is N/A. */
  overallScore: number | null;
  note: string;
  tags: readonly string[];
  /** Who saved it last (the history keeps everyone). */
  reviewer: string;
  createdAt: number;
  updatedAt: number;
  /** 1 when created, one more at each save that changes it: what a save names as its `baseVersion`. */
  version: number;
}

export interface ReviewInput {
  uid: string;
  /**
   * The result the auditor means. Equal to what the scores give: accepted, and any override is cleared.
   * Different: an override, accepted only with `reason` (and only to pass or fail, on a complete review).
   */
  status?: ReviewStatus;
  /** The reason of an override asked for with `status`. */
  reason?: string;
  /** Sets (`{ status, reason }`) or clears (`null`) the override; omitted: kept. Not together with `status`. */
  override?: ReviewOverride | null;
  /** A patch: keys given are set, `null` clears one, keys not given keep their score. */
  scores?: Scores;
  note?: string;
  /** Replaces the tags when given. */
  tags?: readonly string[];
  reviewer: string;
  /** Move an existing review to the active scorecard (scores of attributes that still exist with the same scale are kept). */
  rescore?: boolean;
  /**
   * The version of the review the edit started from (0: there was none yet). When the stored review's
   * version differs, someone else saved meanwhile and the save is refused as 'concurrency' with their
   * review (reviews/review-conflict.ts). Absent: no check, the save lands on top of whatever is stored
   * (for callers that read no review first, such as scripts; the history keeps what it replaced).
   */
  baseVersion?: number;
  /**
   * Score on this stored scorecard version rather than the review's own (or, for a new review, the active
   * one): a review made offline is sent on the version it was made with.
   */
  scorecard?: { id: string; version: number };
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
  /** Decided reviews (pass + fail): the "38" of "38 of 120 reviewed". 'in review' is not reviewed. */
  reviewed: number;
  /** Of the decided reviews, those whose result is an auditor's override. */
  overridden: number;
}
