/**
 * The review model: the pure parts (scorecards, scoring, sampling plans, summaries). Storing reviews,
 * scorecards and samples is the store's business (core/store/store.ts and its SQL files).
 */
export * from './types';
export {
  DEFAULT_SCORECARD,
  DEFAULT_SCORECARDS,
  defaultScorecard,
  failedCriticals,
  isValidScore,
  overallScore,
  parseScorecardInput,
  suggestedStatus,
} from './scorecard';
export { effectiveStatus, isAnswered, reviewResult, type ReviewResult } from './result';
export { parseScorecardFile, scorecardFileName, serializeScorecard, SCORECARD_FILE_FORMAT, SCORECARD_FILE_VERSION } from './scorecard-file';
export { NOTE_MAX_CHARS, TAGS_MAX, TAG_MAX_CHARS } from './review-input';
export { pickMembers, planSample } from './sampling';
export { mulberry32 } from '../random/prng';
export type { DrawSampleInput, SampleCandidate, SampleInfo, SampleMember, SampleStratum } from './sampling';
export type { Summary, SummaryDimension, SummaryRow } from './summary';
