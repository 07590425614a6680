import { effectiveStatus, reviewResult } from '../../src-main/core/api/constants';
import type { Review, Scorecard } from '../../src-main/core/api/contract';
import { useI18n } from '../i18n';
import { reviewStatusLabel, statusSlug } from './status';
import type { SaveState } from './use-review-state';

interface Props {
  review: Review | null;
  card: Scorecard | null;
  scores: Review['scores'];
  answered: number;
  saveState: SaveState;
  onNext(): void;
}

/**
 * The rail's sticky head: what the scores give (result, score, a failed critical), the override and its
 * reason, and the next action. Always in view while the attributes scroll beneath.
 */
export function RailHeader({ review, card, scores, answered, saveState, onNext }: Props) {
  const { t, num } = useI18n();
  // What the answers give, by the service's own rule, at once (the save confirms it a moment later).
  const live = card ? reviewResult(card, scores, review ?? undefined) : null;
  const status = live ? effectiveStatus(live.status, review?.override) : 'unreviewed';
  const total = card?.attributes.length ?? 0;
  const complete = live?.complete ?? false;
  const score = live?.overallScore ?? null;
  const critical = card?.attributes.filter((a) => live?.failedCriticals.includes(a.key)) ?? [];
  const savedText = { idle: '', saving: t('review.saving'), saved: t('review.saved'), kept: t('offline.keptShort'), error: t('review.notSaved') }[saveState];
  const result = reviewStatusLabel(t, status);

  return (
    <header className="rail-head" data-testid="rail-head">
      <div className="rail-title">
        <h3>{t('review.title')}</h3>
        <span className={`review-saved ${saveState}`} data-testid="review-saved" data-state={saveState} role="status" aria-live="polite">
          {savedText}
        </span>
      </div>
      {saveState === 'kept' && (
        <p className="notice warn offline-kept" data-testid="review-kept-locally">
          {t('offline.keptLocally')}
        </p>
      )}
      <p className="rail-result" data-testid="review-result" data-status={status} data-overridden={!!review?.override}>
        <span className={`review-badge review-${statusSlug(status)}`}>
          {t('review.result', { result })}
        </span>
        {review?.override && (
          <span className="rail-override-reason text" data-testid="review-override-shown">
            {t('review.overriddenBecause', { reason: review.override.reason })}
          </span>
        )}
      </p>
      <p className="rail-score" data-testid="review-overall" data-score={score ?? ''}>
        {score !== null ? t('review.score', { score: num(score) }) : t('review.answered', { n: answered, total })}
      </p>
      {critical.length > 0 && (
        <p className="review-critical" data-testid="review-critical" role="alert">
          {t('review.criticalFailed', { names: critical.map((a) => a.name).join(', ') })}
        </p>
      )}
      <button type="button" className={complete ? 'primary rail-next' : 'rail-next'} data-testid="rail-next" onClick={onNext} title="Shift+N">
        {t('review.next')}
      </button>
    </header>
  );
}
