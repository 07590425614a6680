/** The review model: what the service, the CLI and the export import. */
export { REVIEWS_MIGRATION } from './schema';
export * from './types';
export {
  DEFAULT_SCORECARD,
  activeScorecard,
  failedCriticals,
  isValidScore,
  listScorecards,
  overallScore,
  parseScorecardInput,
  saveScorecard,
  scorecardVersion,
  suggestedStatus,
} from './scorecard';
export { NOTE_MAX_CHARS, TAGS_MAX, TAG_MAX_CHARS } from './review-input';
export { getReview, reviewHistory, reviewStatusCounts, reviewStatusesOf, saveReview } from './review-store';
export { drawSample, listSamples, pickMembers, sampleByName, sampleMembers } from './sampling';
export { mulberry32 } from '../random/prng';
export type { DrawSampleInput, SampleCandidate, SampleInfo, SampleMember, SampleStratum } from './sampling';
export { reviewSummary, scorecardsUsed, summarySql } from './summary';
export type { Summary, SummaryDimension, SummaryRow } from './summary';
export { setSql } from './interaction-set';
