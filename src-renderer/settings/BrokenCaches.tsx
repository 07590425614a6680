import { useEffect, useState } from 'react';
import type { BrokenCache, WolkvoxApi } from '../../src-main/core/api/contract';
import { useI18n } from '../i18n';

const DAY_MS = 86_400_000;

/**
 * Caches the app moved aside because it could not open them: they still hold customers' conversations,
 * so they are shown with their age, removable here, and removed by retention once older than its period.
 * Only ids travel: the service alone knows where the files are. Nothing is shown when there are none.
 */
export function BrokenCaches({ api }: { api: WolkvoxApi }) {
  const { t, num } = useI18n();
  const [caches, setCaches] = useState<BrokenCache[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [now] = useState(() => Date.now());
  // Removing is for good: the first press asks, the second removes.
  const [confirming, setConfirming] = useState<string | null>(null);

  useEffect(() => {
    void api.call('retention/broken-caches', {}).then((r) => (r.ok ? setCaches(r.value.caches) : setError(r.error.message)));
  }, [api]);

  const remove = async (id: string) => {
    const r = await api.call('retention/remove-broken-cache', { id });
    setConfirming(null);
    if (r.ok) {
      setCaches(r.value.caches);
      setError(null);
    } else setError(r.error.message);
  };

  if (caches.length === 0 && !error) return null;
  return (
    <section className="broken-caches" data-testid="broken-caches">
      <h3>{t('retention.broken.title')}</h3>
      <p className="muted small">{t('retention.broken.help')}</p>
      <ul className="profile-list">
        {caches.map((c) => (
          <li key={c.id} data-testid="broken-cache">
            <span className="profile-pick">
              <strong>{c.name}</strong>
              <span className="muted small">
                {t('retention.broken.line', { n: Math.max(0, Math.floor((now - c.movedAt) / DAY_MS)), mb: num(Math.max(0.1, Math.round(c.bytes / 104_857.6) / 10)) })}
              </span>
            </span>
            {confirming === c.id ? (
              <>
                <button type="button" className="danger" onClick={() => void remove(c.id)} aria-label={t('retention.broken.confirmNamed', { name: c.name })} data-testid="broken-cache-confirm">
                  {t('retention.broken.confirm')}
                </button>
                <button type="button" onClick={() => setConfirming(null)}>
                  {t('retention.broken.cancel')}
                </button>
              </>
            ) : (
              <button type="button" onClick={() => setConfirming(c.id)} aria-label={t('retention.broken.removeNamed', { name: c.name })} data-testid="broken-cache-remove">
                {t('retention.broken.remove')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {error && <p className="notice error small">{error}</p>}
    </section>
  );
}
