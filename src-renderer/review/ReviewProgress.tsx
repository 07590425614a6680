import { useI18n } from '../i18n';
import type { ReviewCounts } from './use-review-counts';

/** "38 of 120 reviewed" for the current filter (or sample); the counts come from useReviewCounts. */
export function ReviewProgress({ progress }: { progress: ReviewCounts | null }) {
  const { t } = useI18n();
  const percent = progress && progress.total > 0 ? Math.round((100 * progress.reviewed) / progress.total) : 0;
  return (
    <span
      className="review-progress"
      data-testid="review-progress"
      data-reviewed={progress?.reviewed ?? ''}
      data-total={progress?.total ?? ''}
      aria-live="polite"
      title={progress ? t('review.progressDetail', { pass: progress.pass, fail: progress.fail, inReview: progress.inReview }) : undefined}
    >
      {progress ? t('review.progress', { reviewed: progress.reviewed, total: progress.total }) : t('grid.counting')}
      {progress && progress.total > 0 && (
        <span className="review-meter" aria-hidden="true">
          <span style={{ width: `${percent}%` }} />
        </span>
      )}
    </span>
  );
}
