import { useEffect, useState } from 'react';
import type { ResultOf, WolkvoxApi } from '../../src-preload/contract';
import { useI18n } from '../i18n';
import { useEvent } from '../state/use-events';
import { toFilter, type FilterControls } from '../state/filter';
import { REVIEW_STATUS_LIST, reviewStatusLabel, statusSlug, type ReviewStatus } from './status';

type Progress = ResultOf<'reviews/progress'>;
const COUNT_OF: Record<ReviewStatus, keyof Progress> = { unreviewed: 'unreviewed', 'in review': 'inReview', pass: 'pass', fail: 'fail' };

/** The review-status facet: counts within every other filter (its own choice left out), like the others. */
export function ReviewStatusFacet({ api, filters, zone, dataVersion }: { api: WolkvoxApi; filters: FilterControls; zone: string; dataVersion: number }) {
  const { t, num } = useI18n();
  const { state } = filters;
  const [counts, setCounts] = useState<Progress | null>(null);
  // Reviews change these counts (and nothing else in the cache): refreshed on every review save.
  const [reviews, setReviews] = useState(0);
  useEvent(api, 'data/changed', ({ reason }) => {
    if (reason === 'review') setReviews((n) => n + 1);
  });

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      void api.call('reviews/progress', { filter: toFilter(state, zone, Date.now(), 'review') }).then((r) => {
        if (live && r.ok) setCounts(r.value);
      });
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, state, zone, dataVersion, reviews]);

  return (
    <section className="facet" data-testid="facet-review" aria-label={t('review.facet')}>
      <header className="facet-head">
        <h3>{t('review.facet')}</h3>
        {state.reviewStatuses.length > 0 && (
          <button type="button" className="link-button" onClick={filters.clearReviewStatuses}>
            {t('facet.clear')}
          </button>
        )}
      </header>
      <ul>
        {REVIEW_STATUS_LIST.map((s) => {
          const on = state.reviewStatuses.includes(s);
          return (
            <li key={s}>
              <label className={on ? 'facet-value on' : 'facet-value'}>
                <input type="checkbox" data-testid={`facet-review-${statusSlug(s)}`} checked={on} onChange={() => filters.toggleReviewStatus(s)} />
                <span className="facet-label">{reviewStatusLabel(t, s)}</span>
                <span className="count">{counts ? num(counts[COUNT_OF[s]]) : ''}</span>
              </label>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
