import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n';
import { useApp } from '../state/app-context';
import { useOffline } from '../state/offline-context';
import { onTeamCache, useTeam } from '../state/team-context';
import { formatDateTime } from '../format/dates';
import { OfflineConflictCard } from './OfflineConflictCard';
import { OfflineRefusedCard } from './OfflineRefusedCard';
import { OfflineSets } from './OfflineSets';
import { useBackToTeam } from './use-back-to-team';
import './offline.css';

/** Dates shown with no profile: the API's documented default zone, as in the workspace. */
const DEFAULT_ZONE = 'America/Bogota';

/**
 * "Offline copy" (Settings, and the team banner's button): the selections of the team cache on this
 * computer, the reviews waiting to be sent with "Send now", the last sending, each review the team cache
 * refused (with "Discard my review"), and each conflict with theirs beside mine. On this computer's cache it lists what is there, says the reviews wait, and offers
 * to go back to the team cache, whose opening sends them.
 */
export function OfflineCopy({ titled = true }: { titled?: boolean }) {
  const { t, num, locale } = useI18n();
  const { api, active } = useApp();
  const offline = useOffline();
  const team = useTeam().status;
  const [sending, setSending] = useState(false);
  const [sent, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  // On this computer's cache the reviews go once the app is back on the team cache (its opening sends them).
  const back = useBackToTeam();
  const message = sent ?? (back.error ? { tone: 'error' as const, text: back.error } : null);
  const status = offline.status;
  const { refresh } = offline;
  // Opened: the figures as they are now (the event keeps them while it stays open).
  useEffect(() => void refresh(), [refresh]);
  // A settled conflict or a removed set takes its buttons away: the focus goes on to the next of its kind.
  const section = useRef<HTMLElement>(null);
  const refocus = useRef<string | null>(null);
  useEffect(() => {
    const within = section.current;
    if (!refocus.current || !within) return;
    const next = within.querySelector<HTMLElement>(refocus.current) ?? within.querySelector<HTMLElement>('h3');
    refocus.current = null;
    next?.focus();
  }, [status]);
  // Set before the call: the service's event may bring the new status before the call's own answer.
  const settled = async (after: string, work: () => Promise<string | null>) => {
    refocus.current = after;
    const error = await work();
    if (error) refocus.current = null;
    return error;
  };
  // Nothing to show on a computer that never joined a team and holds nothing offline.
  if (!status || (!team?.chosen && status.sets.length === 0 && status.pending === 0 && status.conflicts.length === 0)) return null;
  const zone = active?.zone ?? DEFAULT_ZONE;
  const onTeam = onTeamCache(team) && !team?.problem;

  const send = async () => {
    setSending(true);
    setMessage(null);
    // Nothing left to send takes the button away: the focus then goes to the section's title.
    refocus.current = '[data-testid="offline-send"]';
    const r = await offline.push();
    setSending(false);
    setMessage(r.ok ? { tone: 'ok', text: t('offline.pushed', { pushed: num(r.value.pushed), conflicts: num(r.value.conflicts), left: num(r.value.left) }) } : { tone: 'error', text: r.error.message });
  };
  const last = status.lastPush;
  const lostHere = onTeamCache(team) && team?.problem;

  return (
    <section ref={section} className="settings-offline" data-testid="offline-copy" aria-labelledby={titled ? 'offline-title' : undefined} aria-label={titled ? undefined : t('offline.title')} data-pending={status.pending} data-conflicts={status.conflicts.length} data-refused={status.refused.length}>
      {/* In its own dialog, the dialog's title names it. */}
      <h3 id="offline-title" tabIndex={-1} className={titled ? undefined : 'offline-untitled'}>
        {t('offline.title')}
      </h3>
      <p className="muted small">{onTeam ? t('offline.introTeam') : lostHere ? t('offline.introLost') : t('offline.introLocal')}</p>
      {status.sets.length === 0 ? (
        <p className="muted small" data-testid="offline-none">
          {t('offline.none')}
        </p>
      ) : (
        <OfflineSets sets={status.sets} zone={zone} onDrop={(id) => settled('[data-testid="offline-drop"]', () => offline.drop(id))} />
      )}
      <div className="offline-waiting">
        <p className="small" data-testid="offline-waiting" role="status">
          {status.pending > 0 ? t('offline.waiting', { n: status.pending }) : t('offline.nothingWaiting')}
          {status.pending > 0 && !onTeam && ` ${t('offline.sendLater')}`}
        </p>
        {status.pending > 0 && onTeam && (
          <button type="button" className="primary" data-testid="offline-send" disabled={sending || status.pushing} onClick={() => void send()}>
            {sending || status.pushing ? t('offline.sending') : t('offline.sendNow')}
          </button>
        )}
        {status.pending > 0 && !onTeam && team?.fields && (
          <button type="button" className="primary" data-testid="offline-use-team" disabled={back.going} onClick={() => void back.go()}>
            {back.going ? t('team.switching') : t('offline.useTeam')}
          </button>
        )}
      </div>
      {message && (
        <p className={`notice ${message.tone} small`} role={message.tone === 'error' ? 'alert' : 'status'} data-testid="offline-message">
          {message.text}
        </p>
      )}
      {last && !message && (
        <p className="muted small" data-testid="offline-last-push">
          {t('offline.lastPush', { when: formatDateTime(last.at, locale, zone), pushed: num(last.result.pushed), conflicts: num(last.result.conflicts), left: num(last.result.left) })}
          {last.error && ` ${t('offline.lastPushError', { error: last.error })}`}
        </p>
      )}
      {status.refused.length > 0 && (
        <div className="offline-conflicts" data-testid="offline-refused-list">
          <h4>{t('offline.refusedTitle')}</h4>
          <p className="muted small">{t('offline.refusedIntro')}</p>
          {status.refused.map((r) => (
            <OfflineRefusedCard key={r.uid} refused={r} zone={zone} onDiscard={() => settled('[data-testid="offline-discard"], [data-testid="offline-send"]', () => offline.discard(r.uid))} />
          ))}
        </div>
      )}
      {status.conflicts.length > 0 && (
        <div className="offline-conflicts" data-testid="offline-conflicts">
          <h4>{t('offline.conflictsTitle')}</h4>
          <p className="muted small">{t('offline.conflictsIntro')}</p>
          {status.conflicts.map((c) => (
            <OfflineConflictCard key={c.uid} api={api} conflict={c} zone={zone} onResolve={(keep) => settled('[data-testid="offline-keep-mine"], [data-testid="offline-send"]', () => offline.resolve(c.uid, keep))} />
          ))}
        </div>
      )}
    </section>
  );
}
