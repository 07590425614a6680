import { useI18n } from '../i18n';
import { Modal } from './Modal';

/**
 * Links from messages open only after the user saw where they lead. In the desktop app the main process
 * turns the new window into the system browser (and allows nothing but http and https); here too only an
 * http(s) address can be opened.
 */
export function LinkConfirm({ url, onClose }: { url: string; onClose(): void }) {
  const { t } = useI18n();
  let host = url;
  let web = false;
  try {
    const parsed = new URL(url);
    host = parsed.host;
    web = parsed.protocol === 'https:' || parsed.protocol === 'http:';
  } catch {
    // Not an address: shown as given, never opened.
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
          disabled={!web}
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
