import { useI18n } from '../i18n';
import type { SyncView } from '../state/use-sync';
import { SyncHistory } from './SyncHistory';
import { runWords } from './words';

/**
 * The sync area on a team cache: the team's sync host fills it, so this computer starts no sync and needs
 * no token. It shows the host's last run and the API calls spent today (the quota the team shares).
 */
export function TeamSyncPanel({ sync, zone, onClose }: { sync: SyncView; zone: string; onClose(): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const last = runWords(i18n, sync.state?.lastRun ?? null, zone);
  return (
    <aside className="sync-panel team-sync" data-testid="team-sync-panel" aria-label={t('team.syncTitle')}>
      <header className="panel-head">
        <div>
          <h2>{t('team.syncTitle')}</h2>
          <p className="muted small">{t('team.syncIntro')}</p>
        </div>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t('common.close')} title={t('common.close')}>
          ×
        </button>
      </header>
      <h3>{t('team.syncLast')}</h3>
      <p className={`sync-status tone-${last.tone}`} data-testid="team-sync-last" role="status">
        {last.text}
      </p>
      {sync.state && (
        <p data-testid="team-calls-today" data-calls={sync.state.callsToday}>
          {t('team.callsToday', { calls: sync.state.callsToday })}
        </p>
      )}
      <SyncHistory runs={sync.history} zone={zone} />
    </aside>
  );
}
