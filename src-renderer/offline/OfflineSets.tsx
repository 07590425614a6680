import { useState } from 'react';
import type { OfflineSet } from '../../src-main/core/api/contract';
import { formatDateTime } from '../format/dates';
import { useI18n, type MessageKey } from '../i18n';

const KIND_WORDS: Record<OfflineSet['kind'], MessageKey> = {
  assignment: 'offline.kind.assignment',
  sample: 'offline.kind.sample',
  filter: 'offline.kind.filter',
};

/**
 * The selections on this computer: name, what it is, size, reviews waiting, when and where from, and
 * Remove (offered only once its reviews are sent: the service refuses it before, and says so).
 */
export function OfflineSets({ sets, zone, onDrop }: { sets: OfflineSet[]; zone: string; onDrop(id: number): Promise<string | null> }) {
  const { t, num, locale } = useI18n();
  const [busy, setBusy] = useState<number | null>(null);
  const [error, setError] = useState<{ id: number; text: string } | null>(null);
  const drop = async (id: number) => {
    setBusy(id);
    const failed = await onDrop(id);
    setBusy(null);
    setError(failed ? { id, text: failed } : null);
  };
  return (
    <div className="offline-sets-scroll">
      <table className="samples-table offline-sets" data-testid="offline-sets" aria-label={t('offline.caption')}>
        <thead>
          <tr>
            <th scope="col">{t('offline.colName')}</th>
            <th scope="col">{t('offline.colKind')}</th>
            <th scope="col" className="num">
              {t('offline.colSize')}
            </th>
            <th scope="col" className="num">
              {t('offline.colWaiting')}
            </th>
            <th scope="col">{t('offline.colTaken')}</th>
            <th scope="col">{t('offline.colActions')}</th>
          </tr>
        </thead>
        <tbody>
          {sets.map((s) => (
            <tr key={s.id} data-testid="offline-set" data-set-id={s.id} data-kind={s.kind} data-interactions={s.interactions} data-pending={s.pending}>
              <th scope="row" className="text">
                {s.label}
                {error?.id === s.id && (
                  <p className="notice error small" role="alert">
                    {error.text}
                  </p>
                )}
              </th>
              <td>{t(KIND_WORDS[s.kind])}</td>
              <td className="num">{num(s.interactions)}</td>
              <td className="num">{num(s.pending)}</td>
              <td className="small">{t('offline.takenFrom', { when: formatDateTime(s.takenAt, locale, zone), from: s.from })}</td>
              <td className="sample-actions">
                {s.pending > 0 ? (
                  <span className="muted small">{t('offline.removeWaiting')}</span>
                ) : (
                  <button type="button" data-testid="offline-drop" aria-label={t('offline.removeLabel', { name: s.label })} disabled={busy !== null} onClick={() => void drop(s.id)}>
                    {t('offline.remove')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
