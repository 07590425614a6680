import type { Review, Scores } from './types';

const definedScores = (scores: Scores) => Object.fromEntries(Object.entries(scores).filter(([, v]) => v !== null && v !== undefined));
const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The same review as far as an auditor judged it: scorecard version, scores, note, tags and override (not who saved it, nor when). */
export function sameContent(a: Review, b: Review): boolean {
  const scoresA = definedScores(a.scores);
  const scoresB = definedScores(b.scores);
  return (
    a.scorecardId === b.scorecardId &&
    a.scorecardVersion === b.scorecardVersion &&
    a.note === b.note &&
    sameJson(a.tags, b.tags) &&
    sameJson(a.override, b.override) &&
    Object.keys(scoresA).length === Object.keys(scoresB).length &&
    Object.entries(scoresA).every(([k, v]) => scoresB[k] === v)
  );
}
