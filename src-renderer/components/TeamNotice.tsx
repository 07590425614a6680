import { useI18n } from '../i18n';
import { useTeam } from '../state/team-context';
import { problemWords } from '../settings/team-words';

/**
 * The team cache chosen but not open (it could not be opened at start: the app works on this computer's
 * cache), or lost while in use (the network, the server): says so and offers to try again. Never blocks
 * the window: what is on screen stays usable.
 */
export function TeamNotice() {
  const { t } = useI18n();
  const { status, retry, retrying } = useTeam();
  if (!status?.chosen || !status.problem) return null;
  const words = problemWords(t, status.problem);
  const address = status.address ?? '';
  // Lost while in use: the network, which the banner's own words say; at start, the reason tells what to fix.
  const lost = status.using === 'team' && status.problem.reason === 'unreachable';
  return (
    <div className="notice warn team-notice" role="alert" data-testid="team-notice" data-reason={status.problem.reason}>
      <span>
        {lost ? t('team.bannerLost', { address }) : `${t('team.bannerLocal', { address })} ${words.text}`}
      </span>
      <button type="button" data-testid="team-retry" disabled={retrying} onClick={() => void retry()}>
        {retrying ? t('team.switching') : t('team.retry')}
      </button>
    </div>
  );
}
