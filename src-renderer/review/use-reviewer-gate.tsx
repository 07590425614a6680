import { useCallback, useRef, useState } from 'react';
import { Modal } from '../components/Modal';
import { useI18n } from '../i18n';
import { ReviewerField, REVIEWER_KEY, reviewerName } from '../settings/ReviewerField';
import { useApp } from '../state/app-context';

/**
 * Reviews are signed with the auditor's name: before the first save, when no name is set, a small dialog
 * asks for it. `ensure` resolves true once a name is set (false when the auditor closes the dialog: the
 * save does not happen).
 */
export function useReviewerGate() {
  const { t } = useI18n();
  const { settings, saveSetting } = useApp();
  const [asking, setAsking] = useState(false);
  const waiting = useRef<((ok: boolean) => void)[]>([]);
  const known = useRef(reviewerName(settings));
  known.current = reviewerName(settings) || known.current;

  const ensure = useCallback(() => {
    if (known.current) return Promise.resolve(true);
    setAsking(true);
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
