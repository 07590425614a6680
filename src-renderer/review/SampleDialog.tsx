import { useEffect, useMemo, useRef, useState } from 'react';
import type { Filter, SampleRuleArgs, SampleSummary, WolkvoxApi } from '../../src-main/core/api/contract';
import { useI18n } from '../i18n';

type Spread = 'agent' | 'channel' | 'status' | 'all';
type Preview = { candidates: number; size: number };
/** The preview waits for typing to pause: one count per settled choice, not one per keystroke. */
const PREVIEW_PAUSE_MS = 200;

function ruleOf(amountText: string, unit: 'count' | 'percent', spread: Spread, skips: Skips): SampleRuleArgs | null {
  const amount = Number(amountText.replace(',', '.'));
  const valid = unit === 'count' ? Number.isInteger(amount) && amount >= 1 && amount <= 10_000 : amount > 0 && amount <= 100;
  if (!amountText.trim() || !valid) return null;
  return { unit, amount, perAgent: spread !== 'all', by: spread === 'channel' || spread === 'status' ? spread : null, ...skips };
}

interface Skips {
  skipReviewed: boolean;
  skipOpen: boolean;
  skipNoAgent: boolean;
}

/** The size a draw would take, asked again when the rule or the filter changes; a late answer for an old rule is dropped. */
function usePreview(api: WolkvoxApi, filter: Filter, rule: SampleRuleArgs | null): { preview: Preview | null; error: string | null } {
  const [state, setState] = useState<{ key: string; preview: Preview | null; error: string | null }>({ key: '', preview: null, error: null });
  const key = JSON.stringify([filter, rule]);
  const latest = useRef(key);
  latest.current = key;
  useEffect(() => {
    if (!rule) return;
    const timer = setTimeout(() => {
      void api.call('samples/preview', { filter, rule }).then((r) => {
        if (latest.current !== key) return;
        setState(r.ok ? { key, preview: r.value, error: null } : { key, preview: null, error: r.error.message });
      });
    }, PREVIEW_PAUSE_MS);
    return () => clearTimeout(timer);
    // `key` holds the filter and the rule: a new object with the same content asks nothing again.
  }, [api, key]);
  return state.key === key ? state : { preview: null, error: null };
}

/**
 * Draws a reproducible random sample from the current filter: how many (a number or a percentage, per
 * agent or from the whole selection) and what to leave out. The size it will take shows before anything
 * is stored ("Draw 37"); the grid then shows the sample.
 */
export function SampleDrawForm({ api, filter, onDrawn, onBack }: { api: WolkvoxApi; filter: Filter; onDrawn(sample: SampleSummary): void; onBack(): void }) {
  const { t, num } = useI18n();
  const [name, setName] = useState(() => t('sample.defaultName', { date: new Date().toISOString().slice(0, 10) }));
  const [amount, setAmount] = useState('5');
  const [unit, setUnit] = useState<'count' | 'percent'>('count');
  const [spread, setSpread] = useState<Spread>('agent');
  const [skips, setSkips] = useState<Skips>({ skipReviewed: false, skipOpen: false, skipNoAgent: false });
  const [seed, setSeed] = useState(() => String(Math.floor(Math.random() * 1_000_000)));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const rule = useMemo(() => ruleOf(amount, unit, spread, skips), [amount, unit, spread, skips]);
  const nameInput = useRef<HTMLInputElement>(null);
  // The form replaces the list in the same dialog: the button that opened it is gone, the focus starts here.
  useEffect(() => nameInput.current?.focus(), []);
  const { preview, error: previewError } = usePreview(api, filter, rule);

  const draw = async () => {
    if (!name.trim() || !rule) {
      setError(t('sample.invalid'));
      return;
    }
    setBusy(true);
    setError(null);
    const r = await api.call('samples/draw', { name: name.trim(), seed: seed.trim() || '0', filter, rule });
    setBusy(false);
    if (r.ok) onDrawn(r.value);
    else setError(r.error.message);
  };
  const skip = (key: keyof Skips, testId: string, label: string) => (
    <label className="check-row">
      <input type="checkbox" data-testid={testId} checked={skips[key]} onChange={(e) => setSkips((s) => ({ ...s, [key]: e.target.checked }))} />
      <span>{label}</span>
    </label>
  );

  return (
    <form
      className="profile-form sample-form"
      onSubmit={(e) => {
        e.preventDefault();
        void draw();
      }}
    >
      <p className="muted small">{t('sample.intro')}</p>
      <label className="review-field">
        <span>{t('sample.name')}</span>
        <input ref={nameInput} type="text" data-testid="sample-name" value={name} maxLength={80} onChange={(e) => setName(e.target.value)} />
      </label>
      <div className="sample-size-row">
        <label className="review-field">
          <span>{t('sample.amount')}</span>
          <input type="number" data-testid="sample-amount" min={unit === 'count' ? 1 : 0.1} step={unit === 'count' ? 1 : 0.1} max={unit === 'count' ? 10000 : 100} value={amount} onChange={(e) => setAmount(e.target.value)} />
        </label>
        <label className="review-field">
          <span>{t('sample.unit')}</span>
          <select data-testid="sample-unit" value={unit} onChange={(e) => setUnit(e.target.value as typeof unit)}>
            <option value="count">{t('sample.unitCount')}</option>
            <option value="percent">{t('sample.unitPercent')}</option>
          </select>
        </label>
        <label className="review-field">
          <span>{t('sample.by')}</span>
          <select data-testid="sample-by" value={spread} onChange={(e) => setSpread(e.target.value as Spread)}>
            <option value="agent">{t('sample.byAgent')}</option>
            <option value="channel">{t('sample.byChannel')}</option>
            <option value="status">{t('sample.byStatus')}</option>
            <option value="all">{t('sample.byAll')}</option>
          </select>
        </label>
      </div>
      <fieldset className="sample-skips">
        <legend>{t('sample.leaveOut')}</legend>
        {skip('skipReviewed', 'sample-skip-reviewed', t('sample.skipReviewed'))}
        {skip('skipOpen', 'sample-skip-open', t('sample.skipOpen'))}
        {skip('skipNoAgent', 'sample-skip-no-agent', t('sample.skipNoAgent'))}
      </fieldset>
      <label className="review-field">
        <span>{t('sample.seed')}</span>
        <input type="text" data-testid="sample-seed" value={seed} maxLength={80} onChange={(e) => setSeed(e.target.value)} aria-describedby="sample-seed-help" />
        <span className="muted small" id="sample-seed-help">
          {t('sample.seedHelp')}
        </span>
      </label>
      <p className="small sample-preview" data-testid="sample-preview" data-size={preview?.size ?? ''} role="status" aria-live="polite">
        {!rule ? t('sample.invalid') : previewError ?? (preview === null ? t('sample.previewCounting') : preview.size === 0 ? t('sample.previewNone') : t('sample.preview', { size: num(preview.size), candidates: preview.candidates }))}
      </p>
      {error && (
        <p className="notice error small" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="button" data-testid="sample-back" onClick={onBack}>
          {t('sample.back')}
        </button>
        <button type="submit" className="primary" data-testid="sample-draw" disabled={busy || !rule || !preview || preview.size === 0}>
          {t('sample.draw', { n: preview ? num(preview.size) : '…' })}
        </button>
      </div>
    </form>
  );
}
