import { Modal } from '../components/Modal';
import { OfflineCopy } from '../offline/OfflineCopy';
import { LANGS, useI18n, type Lang } from '../i18n';
import { useApp } from '../state/app-context';
import { ProfileSettings } from './ProfileSettings';
import { ReviewerSettings } from './ReviewerSettings';
import { TeamCacheSettings } from './TeamCacheSettings';

/** `onScorecard`: Settings closes and the scorecard editor opens (one dialog at a time). */
export function SettingsDialog({ onClose, onLang, onScorecard }: { onClose(): void; onLang(lang: Lang): void; onScorecard(): void }) {
  const { t, lang } = useI18n();
  const { info } = useApp();
  return (
    <Modal title={t('settings.title')} onClose={onClose} testId="settings-dialog" wide>
      <ProfileSettings />
      <section className="settings-language">
        <h3>{t('settings.language')}</h3>
        <select data-testid="language-select" value={lang} onChange={(e) => onLang(e.target.value as Lang)} aria-label={t('settings.language')}>
          {LANGS.map((l) => (
            <option key={l} value={l}>
              {l === 'es' ? 'Español' : 'English'}
            </option>
          ))}
        </select>
      </section>
      <ReviewerSettings />
      <TeamCacheSettings />
      <OfflineCopy />
      <section className="settings-scorecard">
        <h3>{t('scorecard.settingsTitle')}</h3>
        <p className="muted small">{t('scorecard.settingsIntro')}</p>
        <button type="button" data-testid="settings-scorecard" onClick={onScorecard}>
          {t('scorecard.open')}
        </button>
      </section>
      {info && (
        <p className="muted small">
          {t('settings.about', { version: info.version, dataDir: info.dataDir })}
        </p>
      )}
      <div className="actions">
        <button type="button" className="primary" onClick={onClose}>
          {t('common.done')}
        </button>
      </div>
    </Modal>
  );
}
