import { useEffect, useId, useRef } from 'react';
import { effectiveStatus, reviewResult } from '../../src-main/core/api/constants';
import type { Review, Scorecard } from '../../src-main/core/api/contract';
import { formatDateTime } from '../format/dates';
import { useI18n } from '../i18n';
import { reviewStatusLabel } from './status';
import { ConflictTable, scoreText } from './ConflictTable';

interface Props {
  theirs: Review;
  card: Scorecard;
  /** The auditor's draft, as the rail shows it. */
  mine: { scores: Review['scores']; note: string; tags: string; override: Review['override'] };
  zone: string;
  onKeepMine(): void;
  onTakeTheirs(): void;
}

/**
 * Shown in the rail when a colleague saved this review while the auditor was editing it: who and when,
 * their review beside the draft (which stays in the rail, unsaved), and the two ways out. It takes the
 * focus once when it appears, so a keyboard user hears it and reaches the choices with Tab.
 */
export function ReviewConflictPanel({ theirs, card, mine, zone, onKeepMine, onTakeTheirs }: Props) {
  const { t, num, locale } = useI18n();
  const titleId = useId();
  const panel = useRef<HTMLElement>(null);
  useEffect(() => panel.current?.focus(), []);

  const resultOf = (scores: Review['scores'], override: Review['override']) => {
    const live = reviewResult(card, scores);
    return `${reviewStatusLabel(t, effectiveStatus(live.status, override))}${live.overallScore !== null ? ` · ${num(live.overallScore)}` : ''}`;
  };
  const theirsResult = `${reviewStatusLabel(t, theirs.status)}${theirs.overallScore !== null ? ` · ${num(theirs.overallScore)}` : ''}`;
  const rows: Array<{ key: string; label: string; theirs: string; mine: string }> = [
    { key: 'result', label: t('review.conflict.result'), theirs: theirsResult, mine: resultOf(mine.scores, mine.override) },
    ...card.attributes.map((a) => ({ key: `a-${a.key}`, label: a.name, theirs: scoreText(t, theirs.scores[a.key]), mine: scoreText(t, mine.scores[a.key]) })),
    { key: 'note', label: t('review.note'), theirs: theirs.note || '—', mine: mine.note || '—' },
    { key: 'tags', label: t('review.tags'), theirs: theirs.tags.join(', ') || '—', mine: mine.tags || '—' },
  ];

  return (
    <section ref={panel} className="review-conflict" data-testid="review-conflict" role="alert" aria-labelledby={titleId} tabIndex={-1}>
      <h4 id={titleId}>{t('review.conflict.title')}</h4>
      <p data-testid="review-conflict-who">{t('review.conflict.saved', { reviewer: theirs.reviewer, when: formatDateTime(theirs.updatedAt, locale, zone) })}</p>
      <p className="muted small">{t('review.conflict.draftKept')}</p>
      <ConflictTable rows={rows} theirReviewer={theirs.reviewer} />
      <div className="review-conflict-actions">
        <button type="button" className="primary" data-testid="conflict-keep-mine" onClick={onKeepMine}>
          {t('review.conflict.keepMine')}
        </button>
        <button type="button" data-testid="conflict-take-theirs" onClick={onTakeTheirs}>
          {t('review.conflict.takeTheirs', { reviewer: theirs.reviewer })}
        </button>
      </div>
      <p className="muted small">{t('review.conflict.history')}</p>
    </section>
  );
}
