import type { Review, Scorecard } from '../../src-main/core/api/contract';
import { useI18n } from '../i18n';

interface Props {
  /** The version this review was scored with (the active one when there is no review yet). */
  card: Scorecard;
  active: Scorecard | null;
  review: Review | null;
  onRescore(): void;
  onEdit(): void;
}

/** Which scorecard version the review uses; a review scored with an older one can move to the active one. */
export function ScorecardLine({ card, active, review, onRescore, onEdit }: Props) {
  const { t } = useI18n();
  const outdated = !!review && !!active && (active.id !== card.id || active.version !== card.version);
  return (
    <div className="rail-scorecard muted small" data-testid="review-scorecard" data-version={card.version}>
      <span>{t('review.scoredWith', { name: card.name, version: card.version })}</span>
      {outdated && (
        <button type="button" className="link-button" data-testid="review-rescore" onClick={onRescore}>
          {t('review.rescore', { version: active.version })}
        </button>
      )}
      <button type="button" className="link-button" data-testid="review-edit-scorecard" onClick={onEdit}>
        {t('review.editScorecard')}
      </button>
    </div>
  );
}
