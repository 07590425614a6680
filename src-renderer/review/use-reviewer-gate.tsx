import { useCallback, useEffect, useRef, useState } from 'react';
import { Modal } from '../components/Modal';
import { useI18n } from '../i18n';
import { ReviewerField, REVIEWER_KEY, reviewerName } from '../settings/ReviewerField';
import { useApp } from '../state/app-context';
import { useOffline } from '../state/offline-context';
import { onTeamCache, useTeam } from '../state/team-context';

/**
 * Reviews are signed with the auditor's name: before the first save, when no name is set, a small dialog
 * asks for it. `ensure` resolves true once a name is set (false when the auditor closes the dialog: the
 * save does not happen). On a team cache the database user signs the review (the service's currentUser),
 * so nothing is asked; likewise on this computer's copy of a team cache's selections, whose reviews are sent
 * to the team cache and signed there by that user.
 */
export function useReviewerGate() {
  const { t } = useI18n();
  const { settings, saveSetting } = useApp();
  const [asking, setAsking] = useState(false);
  const waiting = useRef<((ok: boolean) => void)[]>([]);
  const known = useRef(reviewerName(settings));
  known.current = reviewerName(settings) || known.current;
  const signedByLogin = useRef(false);
  const team = useTeam().status;
  const offlineSets = useOffline().status?.sets.length ?? 0;
  signedByLogin.current = onTeamCache(team) || (offlineSets > 0 && team?.fields !== null && team?.fields !== undefined);

  // A save can start while a button is held down (a note saved as its field loses the focus to a click on an
  // answer): the dialog then waits for the button's release, so the click still lands on the answer and
  // not on the dialog's backdrop.
  const pressed = useRef(false);
  const deferred = useRef(false);
  useEffect(() => {
    const down = () => {
      pressed.current = true;
    };
    const up = () => {
      pressed.current = false;
      if (!deferred.current) return;
      deferred.current = false;
      setTimeout(() => setAsking(true), 0);
    };
    window.addEventListener('pointerdown', down, true);
    window.addEventListener('pointerup', up, true);
    window.addEventListener('pointercancel', up, true);
    return () => {
      window.removeEventListener('pointerdown', down, true);
      window.removeEventListener('pointerup', up, true);
      window.removeEventListener('pointercancel', up, true);
    };
  }, []);

  const ensure = useCallback(() => {
    if (known.current || signedByLogin.current) return Promise.resolve(true);
    if (pressed.current) deferred.current = true;
    else setAsking(true);
    return new Promise<boolean>((resolve) => waiting.current.push(resolve));
  }, []);

  const finish = useCallback(
    (name: string | null) => {
      if (name) {
        known.current = name;
        saveSetting(REVIEWER_KEY, name);
      }
      setAsking(false);
      for (const resolve of waiting.current.splice(0)) resolve(!!name);
    },
    [saveSetting],
  );
  const cancel = useCallback(() => finish(null), [finish]);

  const dialog = asking ? (
    <Modal title={t('reviewer.title')} onClose={cancel} testId="reviewer-dialog">
      <p>{t('reviewer.intro')}</p>
      <ReviewerField initial="" submitLabel={t('reviewer.saveAndContinue')} hint={t('reviewer.hint')} onSubmit={finish} onCancel={cancel} />
    </Modal>
  ) : null;

  return { ensure, dialog };
}
