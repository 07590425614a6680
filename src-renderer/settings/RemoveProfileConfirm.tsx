import { useEffect, useState } from 'react';
import type { Profile, RemovalPlan, WolkvoxApi } from '../../src-main/core/api/contract';
import { Modal } from '../components/Modal';
import { useI18n } from '../i18n';

/**
 * Removing a profile deletes its server's cached interactions, their reviews and its saved token: the
 * dialog first asks the service what that would remove and says so in numbers before anything happens.
 */
export function RemoveProfileConfirm({ api, profile, onDone, onCancel }: { api: WolkvoxApi; profile: Profile; onDone(removed: RemovalPlan): void; onCancel(): void }) {
  const { t } = useI18n();
  const [plan, setPlan] = useState<RemovalPlan | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void api.call('profiles/removal-plan', { profileId: profile.id }).then((r) => (r.ok ? setPlan(r.value) : setError(r.error.message)));
  }, [api, profile.id]);

  const remove = async () => {
    setBusy(true);
    const r = await api.call('profiles/remove', { profileId: profile.id });
    setBusy(false);
    if (r.ok) onDone(r.value);
    else setError(r.error.message);
  };

  return (
    <Modal title={t('removal.title', { name: profile.name })} onClose={onCancel} testId="profile-remove-confirm">
      {!plan && !error && <p className="muted">{t('common.loading')}</p>}
      {plan && plan.sharedWith.length > 0 && <p data-testid="removal-shared">{t('removal.shared', { server: plan.server, names: plan.sharedWith.join(', ') })}</p>}
      {plan && plan.sharedWith.length === 0 && (
        <div data-testid="removal-plan">
          <p>{t('removal.intro', { server: plan.server })}</p>
          <ul>
            <li data-count={plan.interactions}>{t('removal.interactions', { n: plan.interactions })}</li>
            <li data-count={plan.reviews}>{t('removal.reviews', { n: plan.reviews })}</li>
            <li data-count={plan.history + plan.reviewHistory}>{t('removal.history', { n: plan.history + plan.reviewHistory })}</li>
            <li data-count={plan.syncRuns}>{t('removal.syncRuns', { n: plan.syncRuns })}</li>
            {plan.token && <li>{t('removal.token')}</li>}
          </ul>
          <p className="muted small">{t('removal.final')}</p>
        </div>
      )}
      {error && <p className="notice error small">{error}</p>}
      <div className="actions">
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="button" className="danger" disabled={!plan || busy} onClick={remove} data-testid="removal-confirm">
          {t('removal.confirm')}
        </button>
      </div>
    </Modal>
  );
}
