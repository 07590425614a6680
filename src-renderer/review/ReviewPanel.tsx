import { useEffect, useState, type KeyboardEvent } from 'react';
import type { Review, WolkvoxApi } from '../../src-main/core/api/contract';
import { formatDateTime } from '../format/dates';
import { useI18n } from '../i18n';
import { AttributeChoice } from './AttributeChoice';
import { OverrideControl, type OverrideStatus } from './OverrideControl';
import { focusFirstUnanswered, railElement } from './rail-focus';
import { RailHeader } from './RailHeader';
import { ReviewConflictPanel } from './ReviewConflictPanel';
import { ScorecardLine } from './ScorecardLine';
import { isTextField } from './text-field';
import { useReviewState } from './use-review-state';
import './review.css';

interface Props {
  api: WolkvoxApi;
  /** The interaction's stable identity (reviews are keyed by it). */
  uid: string;
  zone: string;
  /** Changes with each request for the focus on the first unanswered attribute (see takeFocusRequest). */
  focusRequest: number;
  /** True once per request: the rail takes it when this uid's review is shown. */
  takeFocusRequest(): boolean;
  /** Changed when the active scorecard changed. */
  cardVersion: number;
  onSaved(review: Review): void;
  /** Resolves false when the save must not happen (no auditor name given). */
  beforeSave(): Promise<boolean>;
  onNext(): void;
  onShortcuts(): void;
  onEditScorecard(): void;
}

/**
 * The review rail beside the conversation: a sticky head (result, score, next action), one radio group per
 * scorecard attribute answered in one key, the override with its reason, note and tags. It stays mounted
 * from row to row, so `Shift+N` moves on without losing the keyboard.
 */
export function ReviewPanel({ api, uid, zone, focusRequest, takeFocusRequest, cardVersion, onSaved, beforeSave, onNext, onShortcuts, onEditScorecard }: Props) {
  const { t, locale } = useI18n();
  const state = useReviewState(api, uid, cardVersion, onSaved, beforeSave);
  const { card, saved, ready, scores } = state;
  const [draft, setDraft] = useState<OverrideStatus | null>(null);
  // Bumped once a conflict is settled: the keyboard goes back to the answers the rail then shows.
  const [settled, setSettled] = useState(0);
  useEffect(() => {
    if (settled > 0) focusFirstUnanswered();
  }, [settled]);

  useEffect(() => setDraft(null), [uid]);
  useEffect(() => {
    if (ready && takeFocusRequest()) focusFirstUnanswered();
  }, [ready, focusRequest, uid, takeFocusRequest]);

  const answered = card ? card.attributes.filter((a) => scores[a.key] !== null && scores[a.key] !== undefined).length : 0;
  const complete = !!card && answered === card.attributes.length;

  const askOverride = (status: OverrideStatus) => {
    if (complete || saved?.override) setDraft(status);
  };
  const saveOverride = (status: OverrideStatus, reason: string) => {
    setDraft(null);
    void state.patch({ override: { status, reason } });
    railElement()?.querySelector<HTMLElement>('[data-testid="rail-next"]')?.focus();
  };
  const removeOverride = () => {
    setDraft(null);
    if (saved?.override) void state.patch({ override: null });
  };

  // p, f: override (then its reason); u: back to the computed result. Letters the attributes did not take.
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey || isTextField(e.target as Element)) return;
    const key = e.key.toLowerCase();
    if (key === 'p' || key === 'f') askOverride(key === 'p' ? 'pass' : 'fail');
    else if (key === 'u') removeOverride();
    else return;
    e.preventDefault();
  };

  return (
    <section
      className="review-panel"
      data-testid="review-panel"
      data-uid={uid}
      data-ready={ready}
      aria-label={t('review.title')}
      onKeyDown={onKeyDown}
    >
      <RailHeader review={saved} card={card} scores={scores} answered={answered} saveState={state.saveState} onNext={onNext} />
      {state.error && (
        <p className="notice error small" role="alert">
          {state.error}
        </p>
      )}
      {state.conflict && card && (
        <ReviewConflictPanel
          key={state.conflict.theirs.version}
          theirs={state.conflict.theirs}
          card={card}
          mine={{ scores, note: state.note, tags: state.tags, override: state.mineOverride }}
          zone={zone}
          onKeepMine={() => void state.keepMine().then(() => setSettled((n) => n + 1))}
          onTakeTheirs={() => void state.takeTheirs().then(() => setSettled((n) => n + 1))}
        />
      )}
      {card && (
        <div className="rail-attributes" role="group" aria-label={t('review.attributes')}>
          {card.attributes.map((a) => (
            <AttributeChoice key={a.key} attribute={a} value={scores[a.key] ?? null} onChoose={(v) => state.setScore(a.key, v)} disabled={!ready} />
          ))}
        </div>
      )}
      <OverrideControl review={saved} complete={complete} draft={draft} onDraft={setDraft} onSave={saveOverride} onRemove={removeOverride} />
      <label className="review-field">
        <span>{t('review.note')}</span>
        <textarea
          data-testid="review-note"
          rows={3}
          maxLength={20_000}
          value={state.note}
          onChange={(e) => state.typeNote(e.target.value)}
          onBlur={state.flushNote}
          placeholder={t('review.notePlaceholder')}
        />
      </label>
      <label className="review-field">
        <span>{t('review.tags')}</span>
        <input
          type="text"
          data-testid="review-tags"
          value={state.tags}
          placeholder={t('review.tagsPlaceholder')}
          onChange={(e) => state.setTags(e.target.value)}
          onBlur={state.commitTags}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              state.commitTags();
            }
          }}
        />
      </label>
      {saved && saved.status !== 'unreviewed' && (
        <p className="muted small" data-testid="review-by">
          {t('review.by', { reviewer: saved.reviewer, when: formatDateTime(saved.updatedAt, locale, zone) })}
        </p>
      )}
      {card && <ScorecardLine card={card} active={state.active} review={saved} onRescore={() => void state.patch({ rescore: true }).then(state.reload)} onEdit={onEditScorecard} />}
      <button type="button" className="link-button small" data-testid="shortcuts-button" onClick={onShortcuts}>
        {t('review.shortcutsButton')}
      </button>
    </section>
  );
}
