/**
 * The review model: what the service, the CLI and the export import. The pure parts live in this
 * folder; the SQL that stores reviews, scorecards and samples lives in core/store and is re-exported
 * here so callers keep one import while they move to the Store interface (core/store/store.ts).
 */
export { REVIEWS_MIGRATION } from '../store/reviews-schema';
export * from './types';
export {
  DEFAULT_SCORECARD,
  failedCriticals,
  isValidScore,
  overallScore,
  parseScorecardInput,
  suggestedStatus,
} from './scorecard';
export { activeScorecard, listScorecards, saveScorecard, scorecardVersion } from '../store/scorecards-sql';
export { NOTE_MAX_CHARS, TAGS_MAX, TAG_MAX_CHARS } from './review-input';
export { getReview, reviewHistory, reviewStatusCounts, reviewStatusesOf, saveReview } from '../store/reviews-sql';
export { pickMembers, planSample } from './sampling';
export { drawSample, listSamples, sampleByName, sampleMembers } from '../store/samples-sql';
export { mulberry32 } from '../random/prng';
export type { DrawSampleInput, SampleCandidate, SampleInfo, SampleMember, SampleStratum } from './sampling';
export { reviewSummary, scorecardsUsed, summarySql } from '../store/summary-sql';
export type { Summary, SummaryDimension, SummaryRow } from './summary';
export { setSql } from '../store/interaction-set';
