import type { SyncRun } from '../../src-main/core/api/contract';
import { formatDateTime } from '../format/dates';
import { useI18n } from '../i18n';
import { runWords } from './words';

/** The recent syncs, newest first, each in plain words. */
export function SyncHistory({ runs, zone }: { runs: SyncRun[]; zone: string }) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  if (runs.length === 0) return null;
  return (
    <section className="sync-history" data-testid="sync-history">
      <h3>{t('sync.history')}</h3>
      <ol>
        {runs.map((run) => {
          const words = runWords(i18n, run, zone);
          return (
            <li key={run.id} className={`tone-${words.tone}`}>
              <span className="small muted">
                {t('sync.historyRange', { from: formatDateTime(run.startUtc, locale, zone), to: formatDateTime(run.endUtc - 1000, locale, zone) })}
              </span>
              <span>{words.text}</span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
