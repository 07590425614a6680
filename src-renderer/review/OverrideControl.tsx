import { useEffect, useRef, useState } from 'react';
import type { Review } from '../../src-main/core/api/contract';
import { useI18n } from '../i18n';
import { reviewStatusLabel } from './status';

export type OverrideStatus = 'pass' | 'fail';
const REASON_MAX = 500;

interface Props {
  review: Review | null;
  /** Every attribute answered: only a complete review's result can be overridden. */
  complete: boolean;
  /** The override being asked for (p / f, or its button): its reason field is open. */
  draft: OverrideStatus | null;
  onDraft(status: OverrideStatus | null): void;
  onSave(status: OverrideStatus, reason: string): void;
  onRemove(): void;
}

/**
 * Overriding the computed result, never without a reason: p / f open a small field (Enter saves, Esc
 * cancels), u goes back to the computed result.
 */
export function OverrideControl({ review, complete, draft, onDraft, onSave, onRemove }: Props) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const override = review?.override ?? null;

  useEffect(() => {
    setReason(draft && override?.status === draft ? override.reason : '');
    setMissing(false);
    if (draft) field.current?.focus();
    // Only the draft opening fills the field, not a later echo of the saved override.
  }, [draft]);

  const submit = () => {
    const text = reason.trim();
    if (!draft) return;
    if (!text) {
      setMissing(true);
      return;
    }
    onSave(draft, text.slice(0, REASON_MAX));
  };

  return (
    <section className="rail-override" aria-labelledby="rail-override-title" data-testid="review-override">
      <h4 id="rail-override-title">{t('review.overrideTitle')}</h4>
      {!complete && !override && <p className="muted small">{t('review.overrideNeedsAnswers')}</p>}
      {override && review && (
        <p className="muted small" data-testid="review-computed">
          {t('review.computedResult', { result: reviewStatusLabel(t, review.computedStatus) })}
        </p>
      )}
      <div className="rail-override-actions">
        {(['pass', 'fail'] as const).map((s) => (
          <button
            key={s}
            type="button"
            data-testid={`review-override-${s}`}
            aria-pressed={override?.status === s}
            disabled={!complete && !override}
            onClick={() => onDraft(s)}
          >
            {t(s === 'pass' ? 'review.overridePass' : 'review.overrideFail')}
          </button>
        ))}
        {override && (
          <button type="button" data-testid="review-override-remove" onClick={onRemove}>
            {t('review.overrideRemove')}
          </button>
        )}
      </div>
      {draft && (
        <div className="rail-reason">
          <label htmlFor="rail-reason-input">{t(draft === 'pass' ? 'review.reasonForPass' : 'review.reasonForFail')}</label>
          <input
            id="rail-reason-input"
            ref={field}
            type="text"
            data-testid="review-override-reason"
            maxLength={REASON_MAX}
            value={reason}
            aria-invalid={missing}
            aria-describedby={missing ? 'rail-reason-error' : 'rail-reason-hint'}
            onChange={(e) => {
              setReason(e.target.value);
              setMissing(false);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                submit();
              } else if (e.key === 'Escape') {
                // Handled here: the conversation must not close with it.
                e.preventDefault();
                e.stopPropagation();
                onDraft(null);
              }
            }}
          />
          {missing ? (
            <span id="rail-reason-error" className="field-error" role="alert">
              {t('review.reasonRequired')}
            </span>
          ) : (
            <span id="rail-reason-hint" className="muted small">
              {t('review.reasonHint')}
            </span>
          )}
        </div>
      )}
    </section>
  );
}
