import { useEffect, useState } from 'react';
import type { Profile, ResultOf, SyncRange, WolkvoxApi } from '../../src-main/core/api/contract';
import type { DayPreset } from '../../src-main/core/api/shared-rules';
import { formatDateTime } from '../format/dates';
import { checkDayRange } from '../format/day-range';
import { useI18n, type MessageKey } from '../i18n';
import { statusRun } from '../state/sync-runs';
import type { SyncView } from '../state/use-sync';
import { SyncHistory } from './SyncHistory';
import { SyncProgressBar } from './SyncProgressBar';
import { runWords } from './words';

type Preset = DayPreset | 'custom';
const PRESETS: { id: Preset; label: MessageKey }[] = [
  { id: 'today', label: 'date.today' },
  { id: 'yesterday', label: 'date.yesterday' },
  { id: 'last7', label: 'date.last7' },
  { id: 'thisMonth', label: 'date.thisMonth' },
  { id: 'last30', label: 'date.last30' },
  { id: 'custom', label: 'date.custom' },
];

interface Props {
  api: WolkvoxApi;
  profile: Profile;
  sync: SyncView;
  onOpenSettings(): void;
  onClose(): void;
}

/** Start a sync (after seeing what it costs), watch it, cancel it, switch auto-sync, read what happened. */
export function SyncPanel({ api, profile, sync, onOpenSettings, onClose }: Props) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const [preset, setPreset] = useState<Preset>('last7');
  const [custom, setCustom] = useState({ from: '', to: '' });
  // The plan with the range it was made for: one made for another range is never shown, not even for the
  // frame between a new choice and the effect that asks again.
  const [planned, setPlanned] = useState<{ key: string; plan: ResultOf<'sync/plan'> } | null>(null);
  const rangeKey = `${profile.id}|${preset}|${custom.from}|${custom.to}`;
  const plan = planned?.key === rangeKey ? planned.plan : null;
  const [message, setMessage] = useState<string | null>(null);
  const [tokenSaved, setTokenSaved] = useState<boolean | null>(null);
  const runningNow = sync.progress ?? sync.state?.running ?? null;
  const running = runningNow !== null || sync.startedAt !== null;

  // A backwards range is refused here, where it is typed, in the user's language (it is never sent).
  const days = preset === 'custom' ? checkDayRange(custom.from, custom.to) : 'ok';
  const range: SyncRange | null = preset === 'custom' ? (custom.from && custom.to && days === 'ok' ? { from: custom.from, to: custom.to } : null) : { preset };

  // A message belongs to the attempt that caused it: a new run clears the last one's.
  useEffect(() => {
    if (running) setMessage(null);
  }, [running]);

  useEffect(() => {
    void api.call('token/status', { profileId: profile.id }).then((r) => setTokenSaved(r.ok ? r.value.saved : false));
  }, [api, profile.id]);

  useEffect(() => {
    setMessage(null);
    if (!range) return;
    let live = true;
    const timer = setTimeout(() => {
      void api.call('sync/plan', { profileId: profile.id, range }).then((r) => {
        if (!live) return;
        if (r.ok) setPlanned({ key: rangeKey, plan: r.value });
        else setMessage(r.error.message);
      });
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // The range object is rebuilt each render; its parts are the real dependencies.
  }, [api, profile.id, preset, custom.from, custom.to]);

  const start = async () => {
    if (!range) return;
    setMessage(null);
    const r = await sync.start(profile.id, range);
    if (!r.ok) setMessage(r.error.message);
    else if (!r.value.runStarted) setMessage(t('sync.alreadyRunning'));
    void sync.refresh();
  };
  const cancel = async () => {
    await api.call('sync/cancel', {});
    void sync.refresh();
  };
  // The switch moves at once; the service's answer then says what holds.
  const [autoShown, setAutoShown] = useState<boolean | null>(null);
  const setAuto = async (enabled: boolean) => {
    setAutoShown(enabled);
    const r = await api.call('sync/auto', { profileId: profile.id, enabled });
    if (r.ok) setAutoShown(r.value.autoSync);
    else {
      setAutoShown(null);
      setMessage(r.error.message);
    }
    void sync.refresh();
  };

  const last = runWords(i18n, statusRun(sync.state?.lastRun ?? null, runningNow, sync.startedAt, Date.now()), profile.zone);

  return (
    <aside className="sync-panel" data-testid="sync-panel" aria-label={t('sync.title')}>
      <header className="panel-head">
        <div>
          <h2>{t('sync.title')}</h2>
          <p className="muted small">{t('sync.profileLine', { name: profile.name, server: profile.server })}</p>
        </div>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t('common.close')} title={t('common.close')}>
          ×
        </button>
      </header>

      {tokenSaved === false && (
        <div className="notice warn">
          <p>{t('sync.needToken')}</p>
          <button type="button" onClick={onOpenSettings}>
            {t('settings.open')}
          </button>
        </div>
      )}

      <p className={`sync-status tone-${last.tone}`} data-testid="sync-status" role="status">
        {last.text}
      </p>

      {running && sync.progress && <SyncProgressBar progress={sync.progress} />}
      {running && (
        <button type="button" data-testid="sync-cancel" onClick={cancel}>
          {t('sync.cancel')}
        </button>
      )}

      {!running && (
        <section className="sync-start">
          <h3>{t('sync.range')}</h3>
          <div className="chips" role="radiogroup" aria-label={t('sync.range')}>
            {PRESETS.map((p) => (
              <button key={p.id} type="button" role="radio" aria-checked={preset === p.id} className={preset === p.id ? 'chip on' : 'chip'} data-preset={p.id} onClick={() => setPreset(p.id)}>
                {t(p.label)}
              </button>
            ))}
          </div>
          {preset === 'custom' && (
            <div className="date-custom">
              <label>
                {t('date.from')}
                <input type="date" value={custom.from} onChange={(e) => setCustom({ ...custom, from: e.target.value })} />
              </label>
              <label>
                {t('date.to')}
                <input type="date" value={custom.to} onChange={(e) => setCustom({ ...custom, to: e.target.value })} />
              </label>
            </div>
          )}
          {days === 'backwards' && (
            <p className="notice error small" role="alert" data-testid="sync-backwards">
              {t('date.backwards')}
            </p>
          )}
          <p className="plan small" data-testid="sync-plan">
            {plan
              ? t('sync.plan', {
                  from: formatDateTime(plan.startUtc, locale, profile.zone),
                  // The last second included, as the user typed it (the plan's end is exclusive).
                  to: formatDateTime(plan.endUtc - 1000, locale, profile.zone),
                  windows: plan.windows,
                  calls: plan.estimatedCalls,
                  today: plan.callsToday,
                })
              : range
                ? message
                  ? null
                  : t('sync.planning')
                : days === 'backwards'
                  ? null
                  : t('sync.pickDates')}
          </p>
          <button type="button" className="primary" data-testid="sync-start" disabled={!plan || tokenSaved === false} onClick={start}>
            {t('sync.start')}
          </button>
        </section>
      )}

      {message && <p className="notice error small">{message}</p>}

      <label className="toggle auto-sync">
        <input type="checkbox" data-testid="auto-sync" checked={autoShown ?? sync.state?.autoSync ?? false} onChange={(e) => setAuto(e.target.checked)} />
        {t('sync.auto')}
      </label>
      {plan && (
        <p className="muted small" data-testid="auto-sync-cost">
          {t('sync.autoCost', { calls: plan.autoSyncDaily.calls, rows: plan.autoSyncDaily.rows })}
        </p>
      )}

      <SyncHistory runs={sync.history} zone={profile.zone} />
    </aside>
  );
}
