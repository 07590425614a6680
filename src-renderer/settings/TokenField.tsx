import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ResultOf, WolkvoxApi } from '../../src-main/core/api/contract';
import { useI18n } from '../i18n';

type Status = ResultOf<'token/status'>;

/**
 * The token is write-only: typed once, sent to the system keychain, never shown or read back. The input is
 * uncontrolled (the value never sits in React state) and is emptied the moment it is sent.
 */
export function TokenField({ api, profileId }: { api: WolkvoxApi; profileId: string }) {
  const { t } = useI18n();
  const [status, setStatus] = useState<Status | null>(null);
  const [replacing, setReplacing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    setReplacing(false);
    setMessage(null);
    void api.call('token/status', { profileId }).then((r) => setStatus(r.ok ? r.value : { saved: false, source: null }));
  }, [api, profileId]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const field = input.current;
    const token = field?.value.trim() ?? '';
    if (field) field.value = '';
    if (!token) return;
    setBusy(true);
    const r = await api.call('token/set', { profileId, token });
    setBusy(false);
    if (r.ok) {
      setStatus(r.value);
      setReplacing(false);
      setMessage({ tone: 'ok', text: t('token.savedNow') });
    } else setMessage({ tone: 'error', text: r.error.message });
  };

  const remove = async () => {
    setConfirming(false);
    const r = await api.call('token/clear', { profileId });
    if (r.ok) {
      setStatus(r.value);
      setMessage({ tone: 'ok', text: t('token.removed') });
    } else setMessage({ tone: 'error', text: r.error.message });
  };

  const saved = status?.saved === true;
  return (
    <div className="token" data-testid="token-settings">
      <h3>{t('token.title')}</h3>
      {saved && !replacing && (
        <div className="token-saved">
          <p data-testid="token-status">
            <span className="ok-dot" aria-hidden="true" />
            {status?.source === 'environment' ? t('token.fromEnvironment') : t('token.saved')}
          </p>
          <div className="actions left">
            <button type="button" data-testid="token-replace" onClick={() => setReplacing(true)}>
              {t('token.replace')}
            </button>
            {status?.source !== 'environment' && !confirming && (
              <button type="button" data-testid="token-remove" className="danger" onClick={() => setConfirming(true)}>
                {t('token.remove')}
              </button>
            )}
          </div>
          {confirming && (
            <div className="notice warn">
              <p>{t('token.removeConfirm')}</p>
              <div className="actions left">
                <button type="button" className="danger" data-testid="token-remove-confirm" onClick={remove}>
                  {t('token.remove')}
                </button>
                <button type="button" onClick={() => setConfirming(false)}>
                  {t('common.cancel')}
                </button>
              </div>
            </div>
          )}
        </div>
      )}
      {(!saved || replacing) && status && (
        <form className="token-form" onSubmit={save} autoComplete="off">
          <label htmlFor="token-input">{saved ? t('token.newLabel') : t('token.label')}</label>
          <input
            id="token-input"
            ref={input}
            data-testid="token-input"
            type="password"
            autoComplete="new-password"
            spellCheck={false}
            maxLength={4096}
            placeholder={t('token.placeholder')}
          />
          <p className="muted small">{t('token.help')}</p>
          <div className="actions left">
            <button type="submit" className="primary" data-testid="token-save" disabled={busy}>
              {t('token.save')}
            </button>
            {replacing && (
              <button type="button" onClick={() => setReplacing(false)}>
                {t('common.cancel')}
              </button>
            )}
          </div>
        </form>
      )}
      {message && <p className={`notice ${message.tone} small`}>{message.text}</p>}
    </div>
  );
}
