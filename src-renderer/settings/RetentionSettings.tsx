import { useEffect, useState, type FormEvent } from 'react';
import type { Retention, WolkvoxApi } from '../../src-main/core/api/contract';
import { useI18n } from '../i18n';

const MAX_DAYS = 3650;

/**
 * How long this profile keeps interactions in the cache (by creation date), applied after each sync:
 * customers' conversations are personal data and should not stay longer than the audit needs them.
 */
export function RetentionSettings({ api, profileId }: { api: WolkvoxApi; profileId: string }) {
  const { t } = useI18n();
  const [saved, setSaved] = useState<Retention | null>(null);
  const [limited, setLimited] = useState(false);
  const [days, setDays] = useState('90');
  const [keepReviewed, setKeepReviewed] = useState(true);
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);

  useEffect(() => {
    setMessage(null);
    void api.call('retention/get', { profileId }).then((r) => {
      if (!r.ok) return setMessage({ tone: 'error', text: r.error.message });
      setSaved(r.value);
      setLimited(r.value.keepDays !== null);
      if (r.value.keepDays !== null) setDays(String(r.value.keepDays));
      setKeepReviewed(r.value.keepReviewed);
    });
  }, [api, profileId]);

  const n = Number(days);
  const valid = !limited || (/^\d+$/.test(days) && n >= 1 && n <= MAX_DAYS);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!valid) return;
    const r = await api.call('retention/set', { profileId, keepDays: limited ? n : null, keepReviewed });
    if (r.ok) {
      setSaved(r.value);
      setMessage({ tone: 'ok', text: t('retention.savedNow') });
    } else setMessage({ tone: 'error', text: r.error.message });
  };

  return (
    <form className="retention" data-testid="retention-settings" onSubmit={save}>
      <h3>{t('retention.title')}</h3>
      <p className="muted small">{t('retention.help')}</p>
      <label className="toggle">
        <input type="radio" name={`retention-${profileId}`} checked={!limited} onChange={() => setLimited(false)} data-testid="retention-all" />
        {t('retention.keepAll')}
      </label>
      <label className="toggle">
        <input type="radio" name={`retention-${profileId}`} checked={limited} onChange={() => setLimited(true)} data-testid="retention-limited" />
        {t('retention.keepDaysBefore')}
        <input
          type="number"
          min={1}
          max={MAX_DAYS}
          value={days}
          disabled={!limited}
          onChange={(e) => setDays(e.target.value)}
          aria-label={t('retention.days')}
          aria-invalid={!valid || undefined}
          data-testid="retention-days"
          className="narrow"
        />
        {t('retention.keepDaysAfter')}
      </label>
      <label className="toggle">
        <input type="checkbox" checked={keepReviewed} disabled={!limited} onChange={(e) => setKeepReviewed(e.target.checked)} data-testid="retention-keep-reviewed" />
        {t('retention.keepReviewed')}
      </label>
      {!valid && <p className="notice error small">{t('retention.invalid', { max: MAX_DAYS })}</p>}
      {message && <p className={`notice ${message.tone} small`}>{message.text}</p>}
      <button type="submit" disabled={!valid || saved === null} data-testid="retention-save">
        {t('retention.save')}
      </button>
    </form>
  );
}
