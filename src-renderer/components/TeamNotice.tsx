import { useState } from 'react';
import { useI18n } from '../i18n';
import { useApp } from '../state/app-context';
import { useOffline } from '../state/offline-context';
import { useTeam } from '../state/team-context';
import { problemWords } from '../settings/team-words';
import { useBackToTeam } from '../offline/use-back-to-team';

/**
 * The team cache chosen but not open (it could not be opened at start: the app works on this computer's
 * cache), or lost while in use (the network, the server): says so, how many reviews wait on this computer
 * to be sent, and offers to try again and the offline copy. Never blocks the window: what is on screen
 * stays usable. On this computer's cache with reviews made offline waiting, says so calmly and offers to go
 * back to the team cache, which sends them.
 */
export function TeamNotice({ onOfflineCopy }: { onOfflineCopy(): void }) {
  const { t } = useI18n();
  const { api } = useApp();
  const { status, retry, retrying, update } = useTeam();
  const offline = useOffline().status;
  const [leaving, setLeaving] = useState(false);
  const [leaveError, setLeaveError] = useState<string | null>(null);
  const back = useBackToTeam();
  const pending = offline?.pending ?? 0;
  if (!status?.chosen || !status.problem) {
    // On this computer's cache with a team cache saved (after "Work on this computer's copy"): reviews wait.
    if (status?.using !== 'local' || !status.fields || pending === 0) return null;
    return (
      <div className="notice team-notice" role="status" data-testid="team-waiting" data-pending={pending}>
        <span>
          {t('offline.bannerHere', { n: pending, address: status.address ?? '' })}
          {back.error && (
            <>
              {' '}
              <span className="team-notice-error" role="alert" data-testid="team-waiting-error">
                {back.error}
              </span>
            </>
          )}
        </span>
        <button type="button" data-testid="team-waiting-send" disabled={back.going} onClick={() => void back.go()}>
          {back.going ? t('team.switching') : t('offline.useTeam')}
        </button>
      </div>
    );
  }
  const words = problemWords(t, status.problem);
  const address = status.address ?? '';
  // Lost while in use: the network, which the banner's own words say; at start, the reason tells what to fix.
  const lost = status.using === 'team' && status.problem.reason === 'unreachable';
  // Lost with selections on this computer: the app can go on with them (this computer's cache).
  const workHere = async () => {
    setLeaving(true);
    setLeaveError(null);
    const r = await api.call('team/leave', {});
    setLeaving(false);
    if (r.ok) update(r.value);
    else setLeaveError(r.error.message);
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
        {leaveError && (
          <>
            {' '}
            <span className="team-notice-error" data-testid="team-leave-error">
              {leaveError}
            </span>
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
