import { userInfo } from 'node:os';
import { filterSchema, type Handlers, type SampleSummary } from '../api/contract';
import { AppError } from '../errors';
import type { SampleInfo, ScorecardLanguage } from '../reviews';
import { parseRule } from '../reviews/sample-rule';
import type { Store } from '../store/store';
import type { UiSettings } from './ui-settings';

type ReviewHandlers = Pick<
  Handlers,
  'reviews/get' | 'reviews/save' | 'reviewer/get' | 'reviews/progress' | 'samples/draw' | 'samples/preview' | 'samples/list' | 'samples/rename' | 'samples/delete'
>;

export interface ReviewHandlerDeps {
  store: Store;
  ui: Pick<UiSettings, 'get'>;
  now: () => number;
  changed: (reason: 'review' | 'sample') => void;
}

export function osUser(): string {
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

/** The UI's language, which the default scorecard is seeded in when the cache has none yet. */
export async function uiLanguage(ui: Pick<UiSettings, 'get'>): Promise<ScorecardLanguage> {
  return (await ui.get())['ui.language'] === 'es' ? 'es' : 'en';
}

/** The reviewer's name set in Settings, or null while none is (blank counts as none). */
export async function reviewerName(ui: Pick<UiSettings, 'get'>): Promise<string | null> {
  const value = (await ui.get()).reviewer;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/**
 * Offline review: every save is committed at once, keyed by the interaction's stable uid. Reviews are signed
 * with the reviewer's name from Settings; until one is set, with the OS user name (saving never blocks on it;
 * reviewer/get tells the UI to ask).
 */
export function reviewHandlers(d: ReviewHandlerDeps): ReviewHandlers {
  const active = async (language?: ScorecardLanguage) => d.store.activeScorecard(d.now(), language ?? (await uiLanguage(d.ui)));
  return {
    // A UI shown in the browser's language has saved no language setting yet: it says which one it shows.
    'reviews/get': async ({ uid, language }) => {
      const current = await active(language);
      const review = await d.store.getReview(uid);
      const scorecard = (review && (await d.store.scorecardVersion(review.scorecardId, review.scorecardVersion))) ?? current;
      return {
        review: review ? { ...review, tags: [...review.tags] } : null,
        scorecard: { ...scorecard, attributes: [...scorecard.attributes] },
        active: { ...current, attributes: [...current.attributes] },
      };
    },
    'reviews/save': async (input) => {
      await active(); // a first review seeds the default scorecard in the UI's language
      // A team cache signs with the login (its row-level security accepts no other name); else the name in Settings.
      const reviewer = (await d.store.currentUser()) ?? (await reviewerName(d.ui)) ?? osUser();
      const saved = await d.store.saveReview({ ...input, reviewer }, d.now());
      d.changed('review');
      return { ...saved, tags: [...saved.tags] };
    },
    'reviewer/get': async () => {
      const name = (await d.store.currentUser()) ?? (await reviewerName(d.ui));
      return { name, signsAs: name ?? osUser() };
    },
    'reviews/progress': async ({ filter }) => d.store.reviewCounts(filter),
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
