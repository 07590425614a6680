import { useState } from 'react';
import type { Profile } from '../../src-main/core/api/contract';
import { useI18n } from '../i18n';
import { useApp } from '../state/app-context';
import { ProfileForm } from './ProfileForm';
import { RemoveProfileConfirm } from './RemoveProfileConfirm';
import { BrokenCaches } from './BrokenCaches';
import { RetentionSettings } from './RetentionSettings';
import { TokenField } from './TokenField';

/** Profiles (server, name, time zone) and each one's token. */
export function ProfileSettings() {
  const { t } = useI18n();
  const { api, profiles, active, reloadProfiles } = useApp();
  const [editingId, setEditingId] = useState<string | null>(null);
  const [adding, setAdding] = useState(profiles.length === 0);
  const [selectedId, setSelectedId] = useState<string | null>(active?.id ?? null);
  const [error, setError] = useState<string | null>(null);
  // Removal asks first (RemoveProfileConfirm counts what would go), then deletes the profile's data.
  const [removingId, setRemovingId] = useState<string | null>(null);
  const selected = profiles.find((p) => p.id === selectedId) ?? active;

  const saved = async (profile: Profile) => {
    if (!active || adding) await api.call('profiles/activate', { profileId: profile.id });
    await reloadProfiles();
    setSelectedId(profile.id);
    setAdding(false);
    setEditingId(null);
  };
  const activate = async (id: string) => {
    const r = await api.call('profiles/activate', { profileId: id });
    if (!r.ok) setError(r.error.message);
    await reloadProfiles();
  };
  const removed = async () => {
    setRemovingId(null);
    await reloadProfiles();
    setSelectedId(null);
  };
  const removing = profiles.find((p) => p.id === removingId) ?? null;

  return (
    <section className="profile-settings" data-testid="profile-settings">
      <h3>{t('profile.title')}</h3>
      {profiles.length > 0 && !adding && (
        <ul className="profile-list">
          {profiles.map((p) => (
            <li key={p.id} className={p.id === selected?.id ? 'on' : ''}>
              <button type="button" className="profile-pick" onClick={() => setSelectedId(p.id)}>
                <strong>{p.name}</strong>
                <span className="muted small">
                  {t('profile.line', { server: p.server, zone: p.zone })}
                  {p.id === active?.id && ` · ${t('profile.active')}`}
                </span>
              </button>
              {p.id !== active?.id && (
                <button type="button" onClick={() => activate(p.id)}>
                  {t('profile.use')}
                </button>
              )}
              <button type="button" onClick={() => setEditingId(p.id)}>
                {t('profile.edit')}
              </button>
              {profiles.length > 1 && (
                <button type="button" className="danger" onClick={() => setRemovingId(p.id)}>
                  {t('profile.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {error && <p className="notice error small">{error}</p>}
      {(adding || editingId) && (
        <ProfileForm
          key={adding ? 'new' : editingId}
          api={api}
          profile={adding ? null : (profiles.find((p) => p.id === editingId) ?? null)}
          onSaved={saved}
          onCancel={profiles.length > 0 ? () => (setAdding(false), setEditingId(null)) : undefined}
        />
      )}
      {!adding && !editingId && (
        <button type="button" data-testid="profile-add" onClick={() => setAdding(true)}>
          {t('profile.add')}
        </button>
      )}
      {selected && !adding && <TokenField key={selected.id} api={api} profileId={selected.id} />}
      {selected && !adding && <RetentionSettings key={`retention-${selected.id}`} api={api} profileId={selected.id} />}
      {!adding && <BrokenCaches api={api} />}
      {removing && <RemoveProfileConfirm api={api} profile={removing} onDone={removed} onCancel={() => setRemovingId(null)} />}
    </section>
  );
}
