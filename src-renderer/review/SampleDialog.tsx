import { useState } from 'react';
import type { Filter, ResultOf, WolkvoxApi } from '../../src-main/core/api/contract';
import { Modal } from '../components/Modal';
import { useI18n } from '../i18n';

type Sample = ResultOf<'samples/draw'>;

/** Draws a reproducible random sample (N per agent) from the current filter; the grid then shows it. */
export function SampleDialog({ api, filter, onDrawn, onClose }: { api: WolkvoxApi; filter: Filter; onDrawn(sample: Sample): void; onClose(): void }) {
  const { t } = useI18n();
  const [name, setName] = useState(() => t('sample.defaultName', { date: new Date().toISOString().slice(0, 10) }));
  const [perAgent, setPerAgent] = useState('5');
  const [seed, setSeed] = useState(() => String(Math.floor(Math.random() * 1_000_000)));
  const [by, setBy] = useState<'' | 'channel' | 'status'>('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const draw = async () => {
    const n = Number(perAgent);
    if (!name.trim() || !Number.isInteger(n) || n < 1) {
      setError(t('sample.invalid'));
      return;
    }
    setBusy(true);
    setError(null);
    const r = await api.call('samples/draw', { name: name.trim(), perAgent: n, seed: seed.trim() || '0', filter, ...(by ? { by } : {}) });
    setBusy(false);
    if (r.ok) onDrawn(r.value);
    else setError(r.error.message);
  };

  return (
    <Modal title={t('sample.title')} onClose={onClose} testId="sample-dialog">
      <form
        className="profile-form"
        onSubmit={(e) => {
          e.preventDefault();
          void draw();
        }}
      >
        <p className="muted small">{t('sample.intro')}</p>
        <label className="review-field">
          <span>{t('sample.name')}</span>
          <input type="text" data-testid="sample-name" value={name} maxLength={80} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="review-field">
          <span>{t('sample.perAgent')}</span>
          <input type="number" data-testid="sample-per-agent" min={1} max={10000} value={perAgent} onChange={(e) => setPerAgent(e.target.value)} />
        </label>
        <label className="review-field">
          <span>{t('sample.by')}</span>
          <select data-testid="sample-by" value={by} onChange={(e) => setBy(e.target.value as typeof by)}>
            <option value="">{t('sample.byAgent')}</option>
            <option value="channel">{t('sample.byChannel')}</option>
            <option value="status">{t('sample.byStatus')}</option>
          </select>
        </label>
        <label className="review-field">
          <span>{t('sample.seed')}</span>
          <input type="text" data-testid="sample-seed" value={seed} maxLength={80} onChange={(e) => setSeed(e.target.value)} />
          <span className="muted small">{t('sample.seedHelp')}</span>
        </label>
        {error && (
          <p className="notice error small" role="alert">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" data-testid="sample-draw" disabled={busy}>
            {t('sample.draw')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
