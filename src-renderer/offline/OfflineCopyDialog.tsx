import { Modal } from '../components/Modal';
import { useI18n } from '../i18n';
import { OfflineCopy } from './OfflineCopy';

/** The offline copy on its own, reached from the team banner while the team cache cannot be reached. */
export function OfflineCopyDialog({ onClose }: { onClose(): void }) {
  const { t } = useI18n();
  return (
    <Modal title={t('offline.title')} onClose={onClose} testId="offline-dialog" wide>
      <OfflineCopy titled={false} />
      <div className="actions">
        <button type="button" className="primary" onClick={onClose}>
          {t('common.done')}
        </button>
      </div>
    </Modal>
  );
}
