/**
 * Answers on the default scorecard that give a known result by the rule (reviews/result.ts): tests that
 * need a passed or failed review score it, as an auditor does, instead of setting a status.
 */
export const PASSING_SCORES = Object.freeze({ greeting: true, understanding: 5, resolution: true, tone: 5, typification: true, response_time: 5 });
/** Everything right but the critical "Resolution": fails whatever the score. */
export const FAILING_SCORES = Object.freeze({ ...PASSING_SCORES, resolution: false });
