import { useState } from 'react';
import { useI18n } from '../i18n';
import { useApp } from '../state/app-context';
import { ReviewerField, REVIEWER_KEY, reviewerName } from './ReviewerField';

/** Settings: the auditor's name new saves are signed with (reviews already saved keep theirs). */
export function ReviewerSettings() {
  const { t } = useI18n();
  const { settings, saveSetting } = useApp();
  const [savedNow, setSavedNow] = useState(false);
  return (
    <section className="settings-reviewer" data-testid="settings-reviewer">
      <h3>{t('reviewer.settingsTitle')}</h3>
      <ReviewerField
        initial={reviewerName(settings)}
        submitLabel={t('reviewer.save')}
        hint={t('reviewer.settingsHint')}
        onSubmit={(name) => {
          saveSetting(REVIEWER_KEY, name);
          setSavedNow(true);
        }}
      />
      {savedNow && (
        <p className="notice ok small" role="status">
          {t('reviewer.saved')}
        </p>
      )}
    </section>
  );
}
