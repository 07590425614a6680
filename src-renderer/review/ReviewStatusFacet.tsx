import { useI18n } from '../i18n';
import type { FilterControls } from '../state/filter';
import { REVIEW_STATUS_LIST, reviewStatusLabel, statusSlug, type ReviewStatus } from './status';
import type { ReviewCounts } from './use-review-counts';

const COUNT_OF: Record<ReviewStatus, keyof ReviewCounts> = { unreviewed: 'unreviewed', 'in review': 'inReview', pass: 'pass', fail: 'fail' };

/** The review-status facet: counts within every other filter (its own choice left out), like the others. */
export function ReviewStatusFacet({ filters, counts }: { filters: FilterControls; counts: ReviewCounts | null }) {
  const { t, num } = useI18n();
  const { state } = filters;
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
