import { useState } from 'react';
import { useI18n } from '../i18n';
import { useApp } from '../state/app-context';
import { useOffline } from '../state/offline-context';
import { useTeam } from '../state/team-context';
import { problemWords } from '../settings/team-words';

/**
 * The team cache chosen but not open (it could not be opened at start: the app works on this computer's
 * cache), or lost while in use (the network, the server): says so, how many reviews wait on this computer
 * to be sent, and offers to try again and the offline copy. Never blocks the window: what is on screen
 * stays usable.
 */
export function TeamNotice({ onOfflineCopy }: { onOfflineCopy(): void }) {
  const { t } = useI18n();
  const { api } = useApp();
  const { status, retry, retrying, update } = useTeam();
  const offline = useOffline().status;
  const [leaving, setLeaving] = useState(false);
  if (!status?.chosen || !status.problem) return null;
  const words = problemWords(t, status.problem);
  const address = status.address ?? '';
  // Lost while in use: the network, which the banner's own words say; at start, the reason tells what to fix.
  const lost = status.using === 'team' && status.problem.reason === 'unreachable';
  const pending = offline?.pending ?? 0;
  // Lost with selections on this computer: the app can go on with them (this computer's cache).
  const workHere = async () => {
    setLeaving(true);
    const r = await api.call('team/leave', {});
    setLeaving(false);
    if (r.ok) update(r.value);
  };
  return (
    <div className="notice warn team-notice" role="alert" data-testid="team-notice" data-reason={status.problem.reason} data-pending={pending}>
      <span>
        {/* With the offline copy, a save made meanwhile is kept on this computer (reviews/save's keptLocally). */}
        {lost ? t(offline ? 'offline.bannerLost' : 'team.bannerLost', { address }) : `${t('team.bannerLocal', { address })} ${words.text}`}
        {pending > 0 && (
          <>
            {' '}
            <span data-testid="team-notice-pending">{t('offline.banner', { n: pending })}</span>
          </>
        )}
      </span>
      {lost && (offline?.sets.length ?? 0) > 0 && (
        <button type="button" data-testid="team-work-here" disabled={leaving} title={t('offline.workHereTitle')} onClick={() => void workHere()}>
          {leaving ? t('team.switching') : t('offline.workHere')}
        </button>
      )}
      {offline && (
        <button type="button" data-testid="team-offline-copy" title={t('offline.openTitle')} onClick={onOfflineCopy}>
          {t('offline.open')}
        </button>
      )}
      <button type="button" data-testid="team-retry" disabled={retrying} onClick={() => void retry()}>
        {retrying ? t('team.switching') : t('team.retry')}
      </button>
    </div>
  );
}
