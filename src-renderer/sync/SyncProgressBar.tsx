import type { SyncProgress } from '../../src-main/core/api/contract';
import { formatDuration } from '../format/dates';
import { useI18n } from '../i18n';
import { ERROR_WORDS } from './words';

/** How far the running sync is: windows, rows, calls, time left, and a retry when one is pending. */
export function SyncProgressBar({ progress }: { progress: SyncProgress }) {
  const { t, locale, num } = useI18n();
  const windows = progress.windowsDone + progress.windowsLeft;
  const span = progress.endUtc - progress.startUtc;
  const byTime = span > 0 ? (progress.coveredUtc - progress.startUtc) / span : 0;
  const byWindows = windows > 0 ? progress.windowsDone / windows : 0;
  const fraction = Math.min(1, Math.max(0, Math.max(byTime, byWindows)));
  return (
    <div className="sync-progress" data-testid="sync-progress" role="status" aria-live="polite">
      <progress max={1} value={fraction} aria-label={t('sync.progressLabel')} />
      <p className="small">
        {t('sync.progressLine', {
          percent: Math.round(fraction * 100),
          done: progress.windowsDone,
          windows,
          rows: progress.rows,
          calls: progress.calls,
        })}
        {progress.etaMs !== null && ` · ${t('sync.eta', { time: formatDuration(progress.etaMs, locale) })}`}
      </p>
      {progress.retrying && (
        <p className="small muted">
          {t(ERROR_WORDS[progress.retrying.kind], { detail: progress.retrying.message })}{' '}
          {t('sync.retrying', { seconds: num(Math.ceil(progress.retrying.delayMs / 1000)), attempt: progress.retrying.attempt })}
        </p>
      )}
    </div>
  );
}
