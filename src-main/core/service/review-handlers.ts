import { userInfo } from 'node:os';
import type { Handlers } from '../api/contract';
import { AppError } from '../errors';
import { activeScorecard, drawSample, getReview, listSamples, saveReview, saveScorecard, scorecardVersion } from '../reviews';
import type { Db } from '../store/database';
import type { StoreReader } from '../store/reader';
import { selectRows } from '../store/selection';
import type { SampleCandidate } from '../reviews';
import type { SettingsRepo } from './settings-repo';

type ReviewHandlers = Pick<Handlers, 'reviews/get' | 'reviews/save' | 'reviews/progress' | 'scorecard/active' | 'scorecard/save' | 'samples/draw' | 'samples/list'>;

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'reviewer';
  }
}

/** Offline review: every save is committed at once, keyed by the interaction's stable uid. */
export function reviewHandlers(d: { db: Db; aggregates: StoreReader; settings: SettingsRepo; now: () => number; changed: (reason: 'review' | 'sample') => void }): ReviewHandlers {
  const reviewer = () => d.settings.get<Record<string, unknown>>('ui', {}).reviewer?.toString() || osUser();
  const toSample = (s: ReturnType<typeof listSamples>[number]) => ({ id: s.id, name: s.name, seed: s.seed, perAgent: s.perAgent, members: s.memberCount, createdAt: s.createdAt });
  return {
    'reviews/get': async ({ uid }) => {
      const review = getReview(d.db, uid) ?? null;
      const scorecard = review ? (scorecardVersion(d.db, review.scorecardId, review.scorecardVersion) ?? activeScorecard(d.db, d.now())) : activeScorecard(d.db, d.now());
      return { review: review ? { ...review, tags: [...review.tags] } : null, scorecard: { ...scorecard, attributes: [...scorecard.attributes] } };
    },
    'reviews/save': async (input) => {
      const saved = saveReview(d.db, { ...input, reviewer: reviewer() }, d.now());
      d.changed('review');
      return { ...saved, tags: [...saved.tags] };
    },
    'reviews/progress': async ({ filter }) => d.aggregates.reviewCounts(filter),
    'scorecard/active': async () => {
      const s = activeScorecard(d.db, d.now());
      return { ...s, attributes: [...s.attributes] };
    },
    'scorecard/save': async (input) => {
      const s = saveScorecard(d.db, input, d.now());
      return { ...s, attributes: [...s.attributes] };
    },
    'samples/draw': async ({ filter, ...rest }) => {
      const candidates = selectRows<SampleCandidate>(d.db, filter, 'i.uid AS uid, i.agent_name AS agent_name, i.channel AS channel, i.status AS status');
      const info = drawSample(d.db, { ...rest, candidates, filter }, d.now());
      if (info.memberCount === 0) throw new AppError('bad-input', 'The current filter selects no interaction to sample.');
      d.changed('sample');
      return toSample(info);
    },
    'samples/list': async () => listSamples(d.db).map(toSample),
  };
}
