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
  // Usually all from one team cache: then it is said once, above the table.
  const froms = [...new Set(sets.map((s) => s.from))];
  const oneFrom = froms.length === 1 ? froms[0]! : null;
  const [error, setError] = useState<{ id: number; text: string } | null>(null);
  const drop = async (id: number) => {
    setBusy(id);
    const failed = await onDrop(id);
    setBusy(null);
    setError(failed ? { id, text: failed } : null);
  };
  return (
    <div className="offline-sets-wrap">
      {oneFrom && <p className="muted small offline-from">{t('offline.takenFromAll', { from: oneFrom })}</p>}
      <table className="samples-table offline-sets" data-testid="offline-sets" aria-label={t('offline.caption')}>
        <thead>
          <tr>
            <th scope="col">{t('offline.colName')}</th>
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
                <span className="offline-set-name">{s.label}</span>
                <span className="muted small">{t(KIND_WORDS[s.kind])}</span>
                {error?.id === s.id && (
                  <span className="notice error small" role="alert">
                    {error.text}
                  </span>
                )}
              </th>
              <td className="num">{num(s.interactions)}</td>
              <td className="num">{num(s.pending)}</td>
              <td className="small">
                <span>{formatDateTime(s.takenAt, locale, zone)}</span>
                {!oneFrom && <span className="muted offline-from">{t('offline.takenFromShort', { from: s.from })}</span>}
              </td>
              <td className="offline-set-actions">
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
