import { useCallback, useEffect, useRef, useState } from 'react';
import type { ArgsOf, Review, Scorecard, WolkvoxApi } from '../../src-main/core/api/contract';
import { formatDateTime } from '../format/dates';
import { useI18n } from '../i18n';
import { failedCriticals, REVIEW_STATUS_LIST, reviewStatusLabel, statusSlug, type ReviewStatus } from './status';
import './review.css';

type Patch = Omit<ArgsOf<'reviews/save'>, 'uid'>;
type Score = Review['scores'][string];
type SaveState = 'idle' | 'saving' | 'saved' | 'error';

const NOTE_DELAY_MS = 500;

interface Props {
  api: WolkvoxApi;
  /** The interaction's stable identity (reviews are keyed by it). */
  uid: string;
  zone: string;
  onSaved(review: Review): void;
}

function parseTags(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(',')) {
    const tag = raw.trim().slice(0, 40);
    if (tag && !out.includes(tag)) out.push(tag);
  }
  return out.slice(0, 20);
}

/**
 * The review of one interaction: status, one choice per scorecard attribute, note and tags. Every change
 * is saved at once (the note after a pause in typing); the panel stays mounted from row to row, so the
 * focused control keeps its focus when `n`/`p` move to another interaction.
 */
export function ReviewPanel({ api, uid, zone, onSaved }: Props) {
  const { t, locale, num } = useI18n();
  const [card, setCard] = useState<Scorecard | null>(null);
  const [saved, setSaved] = useState<Review | null>(null);
  const [loadedUid, setLoadedUid] = useState<string | null>(null);
  const [status, setStatus] = useState<ReviewStatus>('unreviewed');
  const [scores, setScores] = useState<Review['scores']>({});
  const [note, setNote] = useState('');
  const [tags, setTags] = useState('');
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const [error, setError] = useState<string | null>(null);
  /** A result chosen against the answers: an override, sent once its reason is typed. */
  const [overrideTo, setOverrideTo] = useState<'pass' | 'fail' | null>(null);
  const [reason, setReason] = useState('');

  const current = useRef(uid);
  current.current = uid;
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const pending = useRef(0);
  const noteTimer = useRef<{ timer: ReturnType<typeof setTimeout>; uid: string; note: string } | null>(null);
  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;

  const show = useCallback((review: Review | null) => {
    setSaved(review);
    setStatus(review?.status ?? 'unreviewed');
    setScores(review?.scores ?? {});
    setOverrideTo(null);
    setReason('');
  }, []);

  /** Saves are queued, so that they reach the service (and come back) in the order they were made. */
  const save = useCallback(
    (target: string, patch: Patch) => {
      pending.current += 1;
      setSaveState('saving');
      setError(null);
      const run = chain.current.then(async () => {
        const r = await api.call('reviews/save', { uid: target, ...patch });
        pending.current -= 1;
        if (r.ok) onSavedRef.current(r.value);
        if (target !== current.current) return;
        if (r.ok) {
          // Only the last queued save's answer holds every change: an earlier one would undo, for a
          // moment, the choices made since (a radio jumping back under the arrow key).
          if (pending.current === 0) {
            show(r.value);
            setSaveState('saved');
          }
        } else {
          setError(r.error.message);
          setSaveState('error');
          // Back to what the service holds.
          const again = await api.call('reviews/get', { uid: target });
          if (again.ok && target === current.current) show(again.value.review);
        }
      });
      chain.current = run.catch(() => {});
    },
    [api, show],
  );

  const flushNote = useCallback(() => {
    const p = noteTimer.current;
    if (!p) return;
    clearTimeout(p.timer);
    noteTimer.current = null;
    save(p.uid, { note: p.note });
  }, [save]);

  // A new interaction: the pending note of the previous one is saved first, then this one's review loads.
  useEffect(() => {
    let live = true;
    setSaveState('idle');
    setError(null);
    void api.call('reviews/get', { uid }).then((r) => {
      if (!live) return;
      if (r.ok) {
        setCard(r.value.scorecard);
        show(r.value.review);
        setNote(r.value.review?.note ?? '');
        setTags((r.value.review?.tags ?? []).join(', '));
        setLoadedUid(uid);
      } else setError(r.error.message);
    });
    return () => {
      live = false;
      flushNote();
    };
  }, [api, uid, show, flushNote]);

  const ready = loadedUid === uid && card !== null;

  const setScore = (key: string, value: Score) => {
    if (!ready) return;
    setScores((s) => ({ ...s, [key]: value }));
    save(uid, { scores: { [key]: value } });
  };
  // The result follows the answers; a different pass or fail is an override and waits for its reason.
  const chooseStatus = (next: ReviewStatus) => {
    if (!ready) return;
    setStatus(next);
    if ((next === 'pass' || next === 'fail') && next !== (saved?.computedStatus ?? 'unreviewed')) {
      setOverrideTo(next);
      return;
    }
    setOverrideTo(null);
    save(uid, { status: next });
  };
  const sendOverride = () => {
    if (!ready || !overrideTo || reason.trim() === '') return;
    save(uid, { status: overrideTo, reason: reason.trim() });
  };
  const cancelOverride = () => {
    setOverrideTo(null);
    setReason('');
    setStatus(saved?.status ?? 'unreviewed');
  };
  const typeNote = (text: string) => {
    setNote(text);
    if (!ready) return;
    if (noteTimer.current) clearTimeout(noteTimer.current.timer);
    setSaveState('saving');
    noteTimer.current = { uid, note: text, timer: setTimeout(flushNote, NOTE_DELAY_MS) };
  };
  const commitTags = () => {
    if (!ready) return;
    const next = parseTags(tags);
    setTags(next.join(', '));
    if (JSON.stringify(next) !== JSON.stringify(saved?.tags ?? [])) save(uid, { tags: next });
  };

  const critical = card ? failedCriticals(card, scores) : [];
  const overall = saved?.overallScore ?? null;
  const savedText = { idle: '', saving: t('review.saving'), saved: t('review.saved'), error: t('review.notSaved') }[saveState];

  return (
    <section className="review-panel" data-testid="review-panel" data-uid={uid} data-ready={ready} aria-label={t('review.title')}>
      <header className="review-head">
        <h3>{t('review.title')}</h3>
        <span className={`review-saved ${saveState}`} data-testid="review-saved" data-state={saveState} role="status" aria-live="polite">
          {savedText}
        </span>
      </header>
      {error && (
        <p className="notice error small" role="alert">
          {error}
        </p>
      )}
      <fieldset className="review-status" aria-describedby="review-help">
        <legend>{t('review.statusLegend')}</legend>
        {REVIEW_STATUS_LIST.map((s) => (
          <label key={s} className={`review-choice status-choice review-${statusSlug(s)}${status === s ? ' on' : ''}`}>
            <input
              type="radio"
              name="review-status"
              value={s}
              data-testid={`review-status-${statusSlug(s)}`}
              checked={status === s}
              onChange={() => chooseStatus(s)}
            />
            {reviewStatusLabel(t, s)}
          </label>
        ))}
      </fieldset>
      {overrideTo && (
        <form
          className="review-override"
          data-testid="review-override"
          onSubmit={(e) => {
            e.preventDefault();
            sendOverride();
          }}
        >
          <label className="review-field">
            <span>{t('review.overrideReason', { status: reviewStatusLabel(t, overrideTo) })}</span>
            <input type="text" data-testid="review-override-reason" maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
          </label>
          <button type="submit" data-testid="review-override-save" disabled={reason.trim() === ''}>
            {t('review.overrideSave')}
          </button>{' '}
          <button type="button" onClick={cancelOverride}>
            {t('review.overrideCancel')}
          </button>
        </form>
      )}
      {saved?.override && !overrideTo && (
        <p className="muted small" data-testid="review-overridden">
          {t('review.overridden', { reason: saved.override.reason })}
        </p>
      )}
      <div className="review-score-line">
        <span data-testid="review-overall" data-score={overall ?? ''}>
          {overall === null ? t('review.scorePending') : t('review.score', { score: num(overall) })}
        </span>
        {critical.length > 0 && (
          <span className="review-critical" data-testid="review-critical" role="alert">
            {t('review.criticalFailed', { names: critical.map((a) => a.name).join(', ') })}
          </span>
        )}
      </div>
      {card && (
        <div className="review-attributes">
          {card.attributes.map((a) => {
            const value = scores[a.key] ?? null;
            const options: { value: Score; id: string; label: string }[] =
              a.scale === 'yes-no'
                ? [
                    { value: true, id: 'yes', label: t('review.yes') },
                    { value: false, id: 'no', label: t('review.no') },
                  ]
                : [1, 2, 3, 4, 5].map((n) => ({ value: n, id: String(n), label: String(n) }));
            if (a.naAllowed) options.push({ value: 'na', id: 'na', label: t('review.na') });
            options.push({ value: null, id: 'none', label: t('review.notScored') });
            return (
              <fieldset key={a.key} className="review-attribute" data-testid={`review-attribute-${a.key}`}>
                <legend>
                  {a.name}
                  {a.critical && <span className="review-critical-flag"> · {t('review.critical')}</span>}
                  <span className="muted small"> · {t('review.weight', { weight: num(a.weight) })}</span>
                </legend>
                {a.help && <p className="muted small review-attribute-help">{a.help}</p>}
                <div className="review-options">
                  {options.map((o) => (
                    <label key={o.id} className={value === o.value ? 'review-choice on' : 'review-choice'}>
                      <input
                        type="radio"
                        name={`review-score-${a.key}`}
                        value={o.id}
                        data-testid={`review-score-${a.key}-${o.id}`}
                        checked={value === o.value}
                        onChange={() => setScore(a.key, o.value)}
                        aria-label={`${a.name}: ${o.label}`}
                      />
                      <span aria-hidden="true">{o.label}</span>
                    </label>
                  ))}
                </div>
              </fieldset>
            );
          })}
        </div>
      )}
      <label className="review-field">
        <span>{t('review.note')}</span>
        <textarea
          data-testid="review-note"
          rows={3}
          maxLength={20_000}
          value={note}
          onChange={(e) => typeNote(e.target.value)}
          onBlur={flushNote}
          placeholder={t('review.notePlaceholder')}
        />
      </label>
      <label className="review-field">
        <span>{t('review.tags')}</span>
        <input
          type="text"
          data-testid="review-tags"
          value={tags}
          placeholder={t('review.tagsPlaceholder')}
          onChange={(e) => setTags(e.target.value)}
          onBlur={commitTags}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              commitTags();
            }
          }}
        />
      </label>
      {saved && saved.status !== 'unreviewed' && (
        <p className="muted small" data-testid="review-by">
          {t('review.by', { reviewer: saved.reviewer, when: formatDateTime(saved.updatedAt, locale, zone) })}
        </p>
      )}
      <p className="muted small review-help" id="review-help">
        {t('review.keys')}
      </p>
    </section>
  );
}
