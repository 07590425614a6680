import { userInfo } from 'node:os';
import type { Handlers } from '../api/contract';
import { AppError } from '../errors';
import type { SampleInfo } from '../reviews';
import type { Store } from '../store/store';
import type { UiSettings } from './ui-settings';

type ReviewHandlers = Pick<Handlers, 'reviews/get' | 'reviews/save' | 'reviews/progress' | 'scorecard/active' | 'scorecard/save' | 'samples/draw' | 'samples/list'>;

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'reviewer';
  }
}

/** Offline review: every save is committed at once, keyed by the interaction's stable uid. */
export function reviewHandlers(d: { store: Store; ui: Pick<UiSettings, 'get'>; now: () => number; changed: (reason: 'review' | 'sample') => void }): ReviewHandlers {
  const reviewer = async () => (await d.ui.get()).reviewer?.toString() || osUser();
  const toSample = (s: SampleInfo) => ({ id: s.id, name: s.name, seed: s.seed, perAgent: s.perAgent, members: s.memberCount, createdAt: s.createdAt });
  return {
    'reviews/get': async ({ uid }) => {
      const review = await d.store.getReview(uid);
      const scorecard = (review && (await d.store.scorecardVersion(review.scorecardId, review.scorecardVersion))) ?? (await d.store.activeScorecard(d.now()));
      return { review: review ? { ...review, tags: [...review.tags] } : null, scorecard: { ...scorecard, attributes: [...scorecard.attributes] } };
    },
    'reviews/save': async (input) => {
      const saved = await d.store.saveReview({ ...input, reviewer: await reviewer() }, d.now());
      d.changed('review');
      return { ...saved, tags: [...saved.tags] };
    },
    'reviews/progress': async ({ filter }) => d.store.reviewCounts(filter),
    'scorecard/active': async () => {
      const s = await d.store.activeScorecard(d.now());
      return { ...s, attributes: [...s.attributes] };
    },
    'scorecard/save': async (input) => {
      const s = await d.store.saveScorecard(input, d.now());
      return { ...s, attributes: [...s.attributes] };
    },
    'samples/draw': async ({ filter, ...rest }) => {
      const info = await d.store.drawSample({ ...rest, filter }, d.now());
      if (info.memberCount === 0) throw new AppError('bad-input', 'The current filter selects no interaction to sample.');
      d.changed('sample');
      return toSample(info);
    },
    'samples/list': async () => (await d.store.listSamples()).map(toSample),
  };
}
