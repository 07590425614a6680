import { useEffect, useState } from 'react';
import { useI18n } from '../i18n';

/** A calm line, not an alarm: what was synced stays usable; only syncing waits for the network. */
export function OfflineNotice({ syncUnreachable }: { syncUnreachable: boolean }) {
  const { t } = useI18n();
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  if (online && !syncUnreachable) return null;
  return (
    <div className="offline" role="status" data-testid="offline-notice">
      {online ? t('offline.wolkvox') : t('offline.device')}
    </div>
  );
}
