import { useState } from 'react';
import { OFFLINE_MAX_INTERACTIONS, type Filter } from '../../src-main/core/api/contract';
import { useI18n } from '../i18n';
import { useOffline } from '../state/offline-context';
import './offline.css';

export type TakeNotice = { tone: 'ok' | 'error'; text: string };

/**
 * "Take these N offline" above the grid, on the team cache only: copies the view's rows to this computer.
 * Over the limit it stays reachable by keyboard (aria-disabled, not disabled) and says why when pressed.
 */
export function TakeRowsButton({ filter, total, onNotice }: { filter: Filter; total: number | null; onNotice(notice: TakeNotice | null): void }) {
  const { t, num } = useI18n();
  const offline = useOffline();
  const [busy, setBusy] = useState(false);
  if (!offline.status?.canTake || total === null || total === 0) return null;
  const tooMany = total > OFFLINE_MAX_INTERACTIONS;
  const take = async () => {
    if (tooMany) return onNotice({ tone: 'error', text: t('offline.tooMany', { n: num(total), max: num(OFFLINE_MAX_INTERACTIONS) }) });
    setBusy(true);
    onNotice(null);
    const r = await offline.take({ kind: 'filter', filter });
    setBusy(false);
    onNotice(r.ok ? { tone: 'ok', text: t('offline.taken', { label: r.value.label, n: r.value.interactions }) } : { tone: 'error', text: r.error.message });
  };
  return (
    <button
      type="button"
      data-testid="offline-take-rows"
      data-total={total}
      aria-disabled={tooMany || busy ? true : undefined}
      className={tooMany ? 'soft-disabled' : undefined}
      title={tooMany ? t('offline.tooMany', { n: num(total), max: num(OFFLINE_MAX_INTERACTIONS) }) : t('offline.takeRowsTitle')}
      onClick={() => !busy && void take()}
    >
      {busy ? t('offline.taking') : t('offline.takeRows', { n: num(total) })}
    </button>
  );
}
