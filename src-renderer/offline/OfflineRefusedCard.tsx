import { useEffect, useId, useRef, useState } from 'react';
import type { OfflineRefused } from '../../src-main/core/api/contract';
import { formatDateTime } from '../format/dates';
import { useI18n } from '../i18n';
import { reviewStatusLabel } from '../review/status';

/**
 * One review waiting on this computer that the team cache refused for a reason of its own: its interaction
 * (named as the conflict cards name it), the auditor's review, why and when it was last refused, and
 * "Discard my review", asked once more in place (it cannot be undone) before the review leaves this computer.
 */
export function OfflineRefusedCard({ refused, zone, onDiscard }: { refused: OfflineRefused; zone: string; onDiscard(): Promise<string | null> }) {
  const { t, num, locale } = useI18n();
  const titleId = useId();
  const { uid, mine, reason, at } = refused;
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  const discard = useRef<HTMLButtonElement>(null);
  // The question's button takes the focus when asked; cancelled, the focus returns to "Discard my review".
  const moved = useRef(false);
  useEffect(() => {
    if (asking) confirm.current?.focus();
    else if (moved.current) discard.current?.focus();
    moved.current = asking;
  }, [asking]);

  const result = `${reviewStatusLabel(t, mine.status)}${mine.overallScore !== null ? ` · ${num(mine.overallScore)}` : ''}`;
  const go = async () => {
    setBusy(true);
    const failed = await onDiscard();
    setBusy(false);
    setError(failed);
    if (failed) setAsking(false);
  };

  return (
    <section className="offline-refused" data-testid="offline-refused" data-uid={uid} aria-labelledby={titleId}>
      <h4 id={titleId}>{t('offline.refusedLabel', { uid })}</h4>
      <p className="small">
        {t('offline.refusedMine', { result })}
        {mine.note && (
          <>
            {' · '}
            {t('review.note')}: <span className="offline-refused-note">{mine.note}</span>
          </>
        )}
      </p>
      <p className="small offline-refused-why" data-testid="offline-refused-why">
        {t('offline.refusedWhy', { when: formatDateTime(at, locale, zone), reason })}
      </p>
      {error && (
        <p className="notice error small" role="alert">
          {error}
        </p>
      )}
      {asking ? (
        <div className="offline-discard-confirm" role="group" aria-label={t('offline.discardLabel', { uid })}>
          <p className="small">{t('offline.discardConfirm', { uid })}</p>
          <button ref={confirm} type="button" className="danger" data-testid="offline-discard-confirm" disabled={busy} onClick={() => void go()}>
            {t('offline.discardYes')}
          </button>
          <button type="button" data-testid="offline-discard-cancel" disabled={busy} onClick={() => setAsking(false)}>
            {t('common.cancel')}
          </button>
        </div>
      ) : (
        <button
          ref={discard}
          type="button"
          data-testid="offline-discard"
          aria-label={t('offline.discardLabel', { uid })}
          onClick={() => {
            setError(null);
            setAsking(true);
          }}
        >
          {t('offline.discard')}
        </button>
      )}
    </section>
  );
}
