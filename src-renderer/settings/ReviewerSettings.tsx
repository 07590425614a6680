import { useState } from 'react';
import { useI18n } from '../i18n';
import { useApp } from '../state/app-context';
import { onTeamCache, useTeam } from '../state/team-context';
import { ReviewerField, REVIEWER_KEY, reviewerName } from './ReviewerField';

/**
 * Settings: the auditor's name new saves are signed with (reviews already saved keep theirs). On the team
 * cache the database user signs them (the server enforces it), so the name gives way to it.
 */
export function ReviewerSettings() {
  const { t } = useI18n();
  const { settings, saveSetting } = useApp();
  const { status } = useTeam();
  const [savedNow, setSavedNow] = useState(false);
  if (onTeamCache(status) && status?.fields) {
    return (
      <section className="settings-reviewer" data-testid="settings-reviewer">
        <h3>{t('reviewer.settingsTitle')}</h3>
        <p className="small">{t('reviewer.teamSigned', { user: status.fields.user })}</p>
      </section>
    );
  }
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
