import { useCallback, useEffect, useRef, useState } from 'react';
import type { ArgsOf, Review, Scorecard, WolkvoxApi } from '../../src-main/core/api/contract';
import { useI18n } from '../i18n';

export type ReviewPatch = Omit<ArgsOf<'reviews/save'>, 'uid'>;
export type Score = Review['scores'][string];
/** kept: on a team cache whose connection dropped, saved on this computer and sent when it is back. */
export type SaveState = 'idle' | 'saving' | 'saved' | 'kept' | 'error';
/** Another auditor saved this review while the rail edited it: their review, shown beside the draft. */
export interface ReviewConflict {
  theirs: Review;
}

const NOTE_DELAY_MS = 500;

function parseTags(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(',')) {
    const tag = raw.trim().slice(0, 40);
    if (tag && !out.includes(tag)) out.push(tag);
  }
  return out.slice(0, 20);
}

/**
 * One interaction's review as the rail edits it: loaded per uid, every change saved at once (the note
 * after a pause in typing). Saves are queued so that they reach the service in the order they were
 * made; `beforeSave` may hold the first one (the auditor's name is asked before anything is signed).
 * Each save names the version the edit started from; when a colleague saved meanwhile the service
 * refuses it with their review: the draft stays on screen beside theirs until the auditor keeps theirs
 * (`takeTheirs`) or saves the whole draft on top (`keepMine`).
 */
export function useReviewState(
  api: WolkvoxApi,
  uid: string,
  /** Changed when the active scorecard changed (the rail reads it again). */
  cardVersion: number,
  onSaved: (review: Review) => void,
  beforeSave: () => Promise<boolean>,
) {
  const { lang } = useI18n();
  const [card, setCard] = useState<Scorecard | null>(null);
  const [active, setActive] = useState<Scorecard | null>(null);
  const [saved, setSaved] = useState<Review | null>(null);
  const [loadedUid, setLoadedUid] = useState<string | null>(null);
  const [scores, setScores] = useState<Review['scores']>({});
  const [note, setNote] = useState('');
  const [tags, setTags] = useState('');
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<ReviewConflict | null>(null);

  const current = useRef(uid);
  current.current = uid;
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  // The version of the review the rail's edit started from (0: none yet): what every save names.
  const base = useRef(0);
  // The override the draft holds while a save of it is on its way or was refused (undefined: the saved one).
  const [draftOverride, setDraftOverride] = useState<Review['override'] | undefined>(undefined);
  const pending = useRef(0);
  const noteTimer = useRef<{ timer: ReturnType<typeof setTimeout>; uid: string; note: string } | null>(null);
  const latest = useRef({ onSaved, beforeSave });
  latest.current = { onSaved, beforeSave };

  const show = useCallback((review: Review | null) => {
    setSaved(review);
    setScores(review?.scores ?? {});
  }, []);

  const reload = useCallback(
    async (target: string) => {
      const r = await api.call('reviews/get', { uid: target, language: lang });
      if (!r.ok) {
        if (target === current.current) setError(r.error.message);
        return;
      }
      if (target !== current.current) return;
      base.current = r.value.review?.version ?? 0;
      setDraftOverride(undefined);
      setConflict(null);
      setCard(r.value.scorecard);
      setActive(r.value.active);
      show(r.value.review);
      setNote(r.value.review?.note ?? '');
      setTags((r.value.review?.tags ?? []).join(', '));
      setLoadedUid(target);
    },
    [api, show, lang],
  );

  const save = useCallback(
    (target: string, patch: ReviewPatch) => {
      pending.current += 1;
      setSaveState('saving');
      setError(null);
      if (patch.override !== undefined) setDraftOverride(patch.override);
      const run = chain.current.then(async () => {
        const allowed = await latest.current.beforeSave();
        const r = allowed ? await api.call('reviews/save', { baseVersion: base.current, ...patch, uid: target }) : null;
        pending.current -= 1;
        if (r?.ok) latest.current.onSaved(r.value);
        if (target !== current.current) return;
        if (r?.ok) {
          base.current = r.value.version;
          if (pending.current === 0) setDraftOverride(undefined);
          setConflict(null);
          // Only the last queued save's answer holds every change: an earlier one would undo, for a
          // moment, the choices made since.
          if (pending.current === 0) {
            show(r.value);
            setSaveState(r.value.keptLocally ? 'kept' : 'saved');
          }
        } else if (r?.error.kind === 'concurrency' && r.error.theirs) {
          // Nothing is reloaded: the draft stays on screen until the auditor chooses.
          setConflict({ theirs: r.error.theirs });
          setSaveState('error');
        } else {
          if (r) setError(r.error.message);
          setSaveState(r ? 'error' : 'idle');
          // Back to what the service holds.
          await reload(target);
        }
      });
      chain.current = run.catch(() => {});
      return run;
    },
    [api, show, reload],
  );

  const flushNote = useCallback(() => {
    const p = noteTimer.current;
    if (!p) return;
    clearTimeout(p.timer);
    noteTimer.current = null;
    void save(p.uid, { note: p.note });
  }, [save]);

  // A new interaction: the pending note of the previous one is saved first, then this one's review loads.
  useEffect(() => {
    setSaveState('idle');
    setError(null);
    void reload(uid);
    return flushNote;
  }, [uid, cardVersion, reload, flushNote]);

  const ready = loadedUid === uid && card !== null;

  const setScore = (key: string, value: Score) => {
    if (!ready) return;
    setScores((s) => ({ ...s, [key]: value }));
    void save(uid, { scores: { [key]: value } });
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
    if (JSON.stringify(next) !== JSON.stringify(saved?.tags ?? [])) void save(uid, { tags: next });
  };
  const patch = (p: ReviewPatch) => (ready ? save(uid, p) : Promise.resolve());
  const mineOverride = draftOverride !== undefined ? draftOverride : (saved?.override ?? null);
  // The note typed is in `note` already: its delayed save is replaced by the choice.
  const dropPendingNote = () => {
    if (noteTimer.current) clearTimeout(noteTimer.current.timer);
    noteTimer.current = null;
  };
  // The whole draft (every answer, the note, the tags, the override) saved on top of their version.
  const keepMine = () => {
    if (!ready || !card || !conflict) return Promise.resolve();
    const override = mineOverride;
    const every = Object.fromEntries(card.attributes.map((a) => [a.key, scores[a.key] ?? null]));
    dropPendingNote();
    return save(uid, { scores: every, note, tags: parseTags(tags), override, baseVersion: conflict.theirs.version });
  };
  const takeTheirs = () => {
    dropPendingNote();
    return reload(uid);
  };

  return {
    card, active, saved, ready, scores, note, tags, saveState, error, conflict, mineOverride,
    setScore, typeNote, flushNote, setTags, commitTags, patch, keepMine, takeTheirs, reload: () => reload(uid),
  };
}
