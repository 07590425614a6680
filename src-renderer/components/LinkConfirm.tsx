import { useI18n } from '../i18n';
import { Modal } from './Modal';

/**
 * Links from messages open only after the user saw where they lead. In the desktop app the main process
 * turns the new window into the system browser (and allows nothing but http and https).
 */
export function LinkConfirm({ url, onClose }: { url: string; onClose(): void }) {
  const { t } = useI18n();
  let host: string;
  try {
    host = new URL(url).host;
  } catch {
    host = url;
  }
  return (
    <Modal title={t('link.title')} onClose={onClose} testId="link-confirm">
      <p>{t('link.body', { host })}</p>
      <p className="link-url">
        <bdi dir="ltr">{url}</bdi>
      </p>
      <div className="actions">
        <button type="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => {
            window.open(url, '_blank', 'noopener,noreferrer');
            onClose();
          }}
        >
          {t('link.open')}
        </button>
      </div>
    </Modal>
  );
}
