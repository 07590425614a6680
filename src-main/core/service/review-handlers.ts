import { userInfo } from 'node:os';
import { filterSchema, type Handlers, type SampleSummary } from '../api/contract';
import { AppError } from '../errors';
import type { SampleInfo } from '../reviews';
import { parseRule } from '../reviews/sample-rule';
import type { Store } from '../store/store';
import type { UiSettings } from './ui-settings';

type ReviewHandlers = Pick<
  Handlers,
  'reviews/get' | 'reviews/save' | 'reviews/progress' | 'scorecard/active' | 'scorecard/save' | 'samples/draw' | 'samples/preview' | 'samples/list' | 'samples/rename' | 'samples/delete'
>;

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'reviewer';
  }
}

function toSample(s: SampleInfo): SampleSummary {
  // A filter stored by an older version may not be one this version reads: shown as unknown, not as an error.
  const filter = filterSchema.safeParse(s.filter);
  return {
    id: s.id,
    name: s.name,
    seed: s.seed,
    perAgent: s.perAgent,
    members: s.memberCount,
    createdAt: s.createdAt,
    rule: { ...s.rule },
    ruleRecorded: s.ruleRecorded,
    candidates: s.candidateCount,
    filter: filter.success ? filter.data : null,
    progress: { ...s.progress },
  };
}

/** Offline review: every save is committed at once, keyed by the interaction's stable uid. */
export function reviewHandlers(d: { store: Store; ui: Pick<UiSettings, 'get'>; now: () => number; changed: (reason: 'review' | 'sample') => void }): ReviewHandlers {
  const reviewer = async () => (await d.ui.get()).reviewer?.toString() || osUser();
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
    'samples/preview': async ({ filter, rule }) => d.store.previewSample(filter, parseRule(rule)),
    'samples/list': async () => (await d.store.listSamples()).map(toSample),
    'samples/rename': async ({ id, name }) => {
      const info = await d.store.renameSample(id, name);
      d.changed('sample');
      return toSample(info);
    },
    'samples/delete': async ({ id }) => {
      await d.store.deleteSample(id);
      d.changed('sample');
      return {};
    },
  };
}
