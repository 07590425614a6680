import { useEffect, useState } from 'react';
import type { SampleSummary, WolkvoxApi } from '../../src-main/core/api/contract';
import { useI18n } from '../i18n';
import { useOffline } from '../state/offline-context';
import './offline.css';

/**
 * The samples in which the asker has a part (assignments/get's `mine`), asked only while a selection can
 * be taken: a sample list is short, and an auditor offers "Take my part offline" only where it exists.
 */
export function useMyParts(api: WolkvoxApi, samples: SampleSummary[] | null, enabled: boolean): ReadonlySet<number> {
  const [parts, setParts] = useState<ReadonlySet<number>>(new Set());
  useEffect(() => {
    if (!enabled || !samples?.length) return;
    let live = true;
    void Promise.all(
      samples.map(async (s) => {
        const r = await api.call('assignments/get', { sampleId: s.id });
        return r.ok && r.value.mine && r.value.mine.assigned > 0 ? s.id : null;
      }),
    ).then((ids) => live && setParts(new Set(ids.filter((id): id is number => id !== null))));
    return () => {
      live = false;
    };
  }, [api, samples, enabled]);
  return parts;
}

/** "Take offline" (the whole sample) and "Take my part offline" (when the asker has one), with what came of it. */
export function TakeSampleButtons({ sample, hasMyPart }: { sample: SampleSummary; hasMyPart: boolean }) {
  const { t } = useI18n();
  const offline = useOffline();
  const [busy, setBusy] = useState<'sample' | 'assignment' | null>(null);
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string; kind: 'sample' | 'assignment' } | null>(null);
  const said = notice && (
    <p className={`notice ${notice.tone} small`} role={notice.tone === 'error' ? 'alert' : 'status'} data-testid="sample-take-notice" data-kind={notice.kind}>
      {notice.text}
    </p>
  );
  // No longer possible (the team cache lost during a take): the buttons go, what came of the take stays.
  if (!offline.status?.canTake) return said ? <div className="offline-take">{said}</div> : null;
  const take = async (kind: 'sample' | 'assignment') => {
    setBusy(kind);
    setNotice(null);
    const r = await offline.take({ kind, sampleId: sample.id });
    setBusy(null);
    setNotice(r.ok ? { tone: 'ok', kind, text: t('offline.taken', { label: r.value.label, n: r.value.interactions }) } : { tone: 'error', kind, text: r.error.message });
  };
  return (
    <div className="offline-take">
      {hasMyPart && (
        <button type="button" data-testid="sample-take-mine" aria-label={t('offline.takeMineLabel', { name: sample.name })} disabled={busy !== null} onClick={() => void take('assignment')}>
          {busy === 'assignment' ? t('offline.taking') : t('offline.takeMine')}
        </button>
      )}
      <button type="button" data-testid="sample-take" aria-label={t('offline.takeLabel', { name: sample.name })} disabled={busy !== null} onClick={() => void take('sample')}>
        {busy === 'sample' ? t('offline.taking') : t('offline.take')}
      </button>
      {said}
    </div>
  );
}
