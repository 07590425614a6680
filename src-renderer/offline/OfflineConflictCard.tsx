import { useEffect, useId, useState } from 'react';
import type { OfflineConflict, Review, Scorecard, WolkvoxApi } from '../../src-main/core/api/contract';
import { formatDateTime } from '../format/dates';
import { useI18n } from '../i18n';
import { reviewStatusLabel } from '../review/status';
import { ConflictTable, scoreText } from '../review/ConflictTable';


/** The scorecard a review was made on, for its attributes' names (null while it loads or when it is gone). */
function useCard(api: WolkvoxApi, id: string, version: number): Scorecard | null {
  const [card, setCard] = useState<Scorecard | null>(null);
  useEffect(() => {
    let live = true;
    void api.call('scorecard/version', { id, version }).then((r) => live && setCard(r.ok ? r.value : null));
    return () => {
      live = false;
    };
  }, [api, id, version]);
  return card;
}

/**
 * One review the team cache refused at push because another auditor saved it meanwhile: theirs beside
 * mine (both saved reviews, so each carries its own result), with the look of the review rail's conflict
 * panel, and the two ways out. Both stay kept until the auditor chooses.
 */
export function OfflineConflictCard({ api, conflict, zone, onResolve }: { api: WolkvoxApi; conflict: OfflineConflict; zone: string; onResolve(keep: 'mine' | 'theirs'): Promise<string | null> }) {
  const { t, num, locale } = useI18n();
  const titleId = useId();
  const { mine, theirs, uid } = conflict;
  const card = useCard(api, theirs.scorecardId, theirs.scorecardVersion);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const result = (r: Review) => `${reviewStatusLabel(t, r.status)}${r.overallScore !== null ? ` · ${num(r.overallScore)}` : ''}`;
  // The card's attributes in its order; any answer the card does not name (another version) after them.
  const keys = [...(card?.attributes.map((a) => a.key) ?? []), ...Object.keys({ ...theirs.scores, ...mine.scores })].filter((k, i, all) => all.indexOf(k) === i);
  const nameOf = (key: string) => card?.attributes.find((a) => a.key === key)?.name ?? key;
  const rows = [
    { key: 'result', label: t('review.conflict.result'), theirs: result(theirs), mine: result(mine) },
    ...keys.map((k) => ({ key: `a-${k}`, label: nameOf(k), theirs: scoreText(t, theirs.scores[k]), mine: scoreText(t, mine.scores[k]) })),
    { key: 'note', label: t('review.note'), theirs: theirs.note || '—', mine: mine.note || '—' },
    { key: 'tags', label: t('review.tags'), theirs: theirs.tags.join(', ') || '—', mine: mine.tags.join(', ') || '—' },
  ];
  const choose = async (keep: 'mine' | 'theirs') => {
    setBusy(true);
    setError(await onResolve(keep));
    setBusy(false);
  };

  return (
    <section className="review-conflict offline-conflict" data-testid="offline-conflict" data-uid={uid} aria-labelledby={titleId}>
      <h4 id={titleId}>{t('offline.conflictLabel', { uid })}</h4>
      <p>{t('offline.conflictWho', { reviewer: theirs.reviewer, uid, when: formatDateTime(theirs.updatedAt, locale, zone) })}</p>
      <ConflictTable rows={rows} theirReviewer={theirs.reviewer} />
      {error && (
        <p className="notice error small" role="alert">
          {error}
        </p>
      )}
      <div className="review-conflict-actions">
        <button type="button" className="primary" data-testid="offline-keep-mine" disabled={busy} onClick={() => void choose('mine')}>
          {t('review.conflict.keepMine')}
        </button>
        <button type="button" data-testid="offline-take-theirs" disabled={busy} onClick={() => void choose('theirs')}>
          {t('review.conflict.takeTheirs', { reviewer: theirs.reviewer })}
        </button>
      </div>
    </section>
  );
}
