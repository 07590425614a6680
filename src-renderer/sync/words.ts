import type { ErrorInfo, SyncRun } from '../../src-main/core/api/contract';
import { formatDateTime } from '../format/dates';
import type { I18n, MessageKey } from '../i18n';

export type Tone = 'ok' | 'warn' | 'error' | 'idle';

/** What each kind of failure means for a supervisor, and what to do about it. */
export const ERROR_WORDS: Record<ErrorInfo['kind'], MessageKey> = {
  auth: 'syncErr.auth',
  quota: 'syncErr.quota',
  concurrency: 'syncErr.concurrency',
  maintenance: 'syncErr.maintenance',
  'no-data': 'syncErr.noData',
  network: 'syncErr.network',
  server: 'syncErr.server',
  'invalid-response': 'syncErr.invalidResponse',
  'bad-input': 'syncErr.badInput',
  storage: 'syncErr.storage',
  cancelled: 'syncErr.cancelled',
};

/** A finished (or running) sync in plain words. */
export function runWords(i18n: I18n, run: SyncRun | null, zone: string): { tone: Tone; text: string } {
  const { t, locale } = i18n;
  if (!run) return { tone: 'idle', text: t('sync.never') };
  const when = formatDateTime(run.finishedAt ?? run.startedAt, locale, zone);
  switch (run.status) {
    case 'running':
      return { tone: 'idle', text: t('sync.runningSince', { when }) };
    case 'done':
      return { tone: 'ok', text: t('sync.done', { when, rows: run.rows, inserted: run.inserted, updated: run.updated, calls: run.calls }) };
    case 'cancelled':
      return { tone: 'warn', text: t('sync.cancelled', { when, rows: run.rows }) };
    case 'failed': {
      const kind = run.error?.kind ?? 'server';
      if (kind === 'no-data') return { tone: 'ok', text: t('syncErr.noData') };
      // An auth failure before any run was recorded (id 0) never reached Wolkvox: no token could be read (no keychain, none saved).
      if (kind === 'auth' && run.id === 0) return { tone: 'error', text: t('syncErr.noToken', { detail: run.error?.message ?? '' }) };
      const words = t(ERROR_WORDS[kind], { detail: run.error?.message ?? '' });
      const tone: Tone = kind === 'network' || kind === 'quota' || kind === 'maintenance' || kind === 'concurrency' || kind === 'cancelled' ? 'warn' : 'error';
      return { tone, text: run.rows > 0 ? `${words} ${t('sync.keptRows', { rows: run.rows })}` : words };
    }
  }
}
