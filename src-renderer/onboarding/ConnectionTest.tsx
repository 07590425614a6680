import { useEffect, useState } from 'react';
import type { ErrorInfo, WolkvoxApi } from '../../src-main/core/api/contract';
import { useI18n, type MessageKey } from '../i18n';

type Outcome = { kind: 'ok'; interactions: number } | { kind: 'no-token' } | { kind: 'failed'; error: ErrorInfo };

/** What a failed test means for the user, by the error's kind (never the service's wording alone). */
const FAILED: Partial<Record<ErrorInfo['kind'], MessageKey>> = {
  auth: 'connTest.auth',
  network: 'connTest.network',
  quota: 'connTest.quota',
  concurrency: 'connTest.busy',
  maintenance: 'connTest.maintenance',
  'bad-input': 'connTest.badInput',
};

/**
 * "Test the connection" before a first sync: one small call (the last minute of the report), its cost said
 * before it is made, its answer in the user's words; once it works, the first sync is one click away.
 */
export function ConnectionTest({ api, profileId, onSync }: { api: WolkvoxApi; profileId: string; onSync(): void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  useEffect(() => setOutcome(null), [profileId]);

  const test = async () => {
    setBusy(true);
    setOutcome(null);
    // A profile with no token saved has nothing to test: say so rather than spend a call.
    const status = await api.call('token/status', { profileId });
    if (status.ok && !status.value.saved) {
      setBusy(false);
      return setOutcome({ kind: 'no-token' });
    }
    const r = await api.call('token/test', { profileId });
    setBusy(false);
    setOutcome(r.ok ? { kind: 'ok', interactions: r.value.interactions } : { kind: 'failed', error: r.error });
  };

  const words =
    outcome === null
      ? null
      : outcome.kind === 'ok'
        ? t('connTest.ok', { n: outcome.interactions })
        : outcome.kind === 'no-token'
          ? t('connTest.noToken')
          : t(FAILED[outcome.error.kind] ?? 'connTest.other', { detail: outcome.error.message });
  return (
    <section className="connection-test" data-testid="connection-test" aria-label={t('connTest.title')}>
      <h3>{t('connTest.title')}</h3>
      <p className="muted small" data-testid="connection-cost">
        {t('connTest.cost')}
      </p>
      <div className="actions left">
        <button type="button" data-testid="connection-test-button" disabled={busy} onClick={() => void test()}>
          {busy ? t('connTest.testing') : t('connTest.button')}
        </button>
      </div>
      {words && (
        <p className={`notice ${outcome?.kind === 'ok' ? 'ok' : 'error'} small`} role="status" data-testid="connection-result" data-outcome={outcome?.kind === 'failed' ? outcome.error.kind : outcome?.kind}>
          {words}
        </p>
      )}
      {outcome?.kind === 'ok' && (
        <div className="actions left">
          <button type="button" className="primary" data-testid="first-sync" onClick={onSync}>
            {t('connTest.firstSync')}
          </button>
        </div>
      )}
    </section>
  );
}
