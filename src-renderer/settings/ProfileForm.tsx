import { useMemo, useState, type FormEvent } from 'react';
import type { Profile, WolkvoxApi } from '../../src-main/core/api/contract';
import { serviceAddressProblem } from '../../src-main/core/api/shared-rules';
import { useI18n } from '../i18n';

const DEFAULT_ZONE = 'America/Bogota';

function zones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [DEFAULT_ZONE, 'UTC'];
  }
}

interface Props {
  api: WolkvoxApi;
  profile: Profile | null;
  onSaved(profile: Profile): void;
  onCancel?(): void;
}

/** A profile: which Wolkvox server, a name to recognise it by, and the operation's time zone. */
export function ProfileForm({ api, profile, onSaved, onCancel }: Props) {
  const { t } = useI18n();
  const [name, setName] = useState(profile?.name ?? '');
  const [server, setServer] = useState(profile?.server ?? '');
  const [zone, setZone] = useState(profile?.zone ?? DEFAULT_ZONE);
  const [baseUrl, setBaseUrl] = useState(profile?.baseUrl ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const zoneList = useMemo(() => {
    const all = zones();
    return all.includes(zone) ? all : [zone, ...all];
  }, [zone]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!/^[A-Za-z0-9]{1,16}$/.test(server)) return setError(t('profile.serverInvalid'));
    // The same rule the service applies (it refuses too): the token goes only to Wolkvox or the local simulator.
    const addressProblem = baseUrl.trim() ? serviceAddressProblem(baseUrl) : null;
    if (addressProblem) return setError(addressProblem);
    setBusy(true);
    const r = await api.call('profiles/save', {
      ...(profile ? { id: profile.id } : {}),
      name: name.trim() || server,
      server,
      zone,
      ...(baseUrl.trim() ? { baseUrl: baseUrl.trim() } : {}),
    });
    setBusy(false);
    if (r.ok) onSaved(r.value);
    else setError(r.error.message);
  };

  return (
    <form className="profile-form" onSubmit={save} data-testid="profile-form">
      <label>
        {t('profile.name')}
        <input data-testid="profile-name" value={name} maxLength={80} onChange={(e) => setName(e.target.value)} placeholder={t('profile.namePlaceholder')} />
      </label>
      <label>
        {t('profile.server')}
        <input
          data-testid="profile-server"
          value={server}
          maxLength={16}
          required
          pattern="[A-Za-z0-9]{1,16}"
          onChange={(e) => setServer(e.target.value.trim())}
          placeholder="0025"
          spellCheck={false}
        />
        <span className="muted small">{t('profile.serverHelp')}</span>
      </label>
      <label>
        {t('profile.zone')}
        <select data-testid="profile-zone" value={zone} onChange={(e) => setZone(e.target.value)}>
          {zoneList.map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </select>
      </label>
      <details className="advanced" open={Boolean(profile?.baseUrl)}>
        <summary>{t('profile.advanced')}</summary>
        <label>
          {t('profile.baseUrl')}
          <input data-testid="profile-base-url" type="url" value={baseUrl} maxLength={200} onChange={(e) => setBaseUrl(e.target.value)} placeholder="https://" />
          <span className="muted small">{t('profile.baseUrlHelp')}</span>
        </label>
      </details>
      {error && (
        <p className="notice error small" role="alert" data-testid="profile-error">
          {error}
        </p>
      )}
      <div className="actions left">
        <button type="submit" className="primary" data-testid="profile-save" disabled={busy}>
          {t('profile.save')}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
