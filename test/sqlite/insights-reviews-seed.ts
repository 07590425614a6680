import { mulberry32 } from '../../src-main/core/random/prng';
import { saveReview } from '../../src-main/core/store/sqlite/audit/reviews-sql';
import { activeScorecard, saveScorecard } from '../../src-main/core/store/sqlite/audit/scorecards-sql';
import type { Db } from '../../src-main/core/store/sqlite/connection/database';
import { NOW } from '../integration/store-fixtures';

/**
 * Reviews over a seeded cache, as the Insights tests need them: about a third of the rows reviewed, with
 * partial scores on the default scorecard, then (from row `switchAt`) a second scorecard version whose
 * resolution is critical, rescored; results follow the scores, some complete ones overridden with a reason.
 * `rnd` and `pick` are the calling test's seeded random source, so each file keeps its own data.
 */
export function seedReviews(db: Db, o: { rnd: (n: number) => number; pick: <T>(list: readonly T[]) => T; switchAt: number; note?: string }): void {
  const uids = db.prepare('SELECT uid FROM interactions ORDER BY id').pluck().all() as string[];
  const card = activeScorecard(db, NOW);
  uids.forEach((uid, i) => {
    if (i === o.switchAt) saveScorecard(db, { name: 'v2', attributes: [{ key: 'resolution', name: 'Resolución', weight: 1, scale: 'yes-no', critical: true }, { key: 'tone', name: 'Tone', weight: 1, scale: '1-5' }] }, NOW);
    if (o.rnd(3) !== 0) return;
    const scores: Record<string, boolean | number> = {};
    for (const a of card.attributes) if (o.rnd(4) !== 0) scores[a.key] = a.scale === 'yes-no' ? o.rnd(5) !== 0 : 1 + o.rnd(5);
    const given = i >= o.switchAt ? { resolution: o.rnd(2) === 0, tone: 1 + o.rnd(5) } : scores;
    const picked = given.resolution === false ? undefined : o.pick(['pass', 'fail', 'in review', undefined] as const);
    // The result follows the scores; on a complete review, a picked pass or fail is an auditor's override (with its reason).
    const complete = i >= o.switchAt || card.attributes.every((a) => a.key in scores);
    const decision = complete && (picked === 'pass' || picked === 'fail') ? { status: picked, reason: 'seeded decision' } : {};
    saveReview(db, { uid, reviewer: 'R', scores: given, ...decision, rescore: i >= o.switchAt, ...(o.note === undefined ? {} : { note: o.note }) }, NOW + i);
  });
}

/** A test's seeded random source: whole numbers below n, and a pick from a list. */
export function seeded(seed: number): { rnd: (n: number) => number; pick: <T>(list: readonly T[]) => T } {
  const random = mulberry32(seed);
  const rnd = (n: number) => Math.floor(random() * n);
  return { rnd, pick: <T>(list: readonly T[]) => list[rnd(list.length)]! };
}
