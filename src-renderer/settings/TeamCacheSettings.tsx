import { useRef, useState, type FormEvent } from 'react';
import { isLoopbackHost, type TeamFields, type TeamProblem, type TeamStatus } from '../../src-main/core/api/contract';
import { useI18n } from '../i18n';
import { useApp } from '../state/app-context';
import { useTeam } from '../state/team-context';
import { problemWords } from './team-words';

type Message = { tone: 'ok' | 'error'; text: string; detail?: string; reason?: TeamProblem['reason'] };
const DEFAULTS: TeamFields = { host: '', port: 5432, database: '', user: '', tls: 'verify-full' };

/**
 * Settings → Team cache: the connection (server, port, database, user, TLS and its CA file), the password
 * (write-only: sent once to the keychain, the input emptied at once, never shown again), "Save and connect"
 * (opens the team cache and closes it, and says why not in the user's words), and the switch between this
 * computer's cache and the team's. The CA file is picked in the desktop app's own dialog: no path is typed here.
 */
export function TeamCacheSettings() {
  const { t } = useI18n();
  const { api } = useApp();
  const team = useTeam();
  const status = team.status;
  const [fields, setFields] = useState<TeamFields>(status?.fields ?? DEFAULTS);
  const [busy, setBusy] = useState<'connect' | 'switch' | 'ca' | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const password = useRef<HTMLInputElement>(null);
  const set = <K extends keyof TeamFields>(key: K, value: TeamFields[K]) => setFields((f) => ({ ...f, [key]: value }));

  const problemMessage = (problem: TeamProblem): Message => ({ tone: 'error', reason: problem.reason, ...problemWords(t, problem) });
  const failed = (error: { message: string }): Message => ({ tone: 'error', text: error.message });

  /** Saves the fields (and a typed password): the status after, or null when refused (the message says why). */
  const save = async (extra: { clearCaFile?: boolean } = {}): Promise<TeamStatus | null> => {
    if (fields.tls === 'disable' && !isLoopbackHost(fields.host)) {
      setMessage({ tone: 'error', text: t('team.tlsHelp') });
      return null;
    }
    const saved = await api.call('team/save', { ...fields, host: fields.host.trim(), database: fields.database.trim(), user: fields.user.trim(), ...extra });
    if (!saved.ok) {
      setMessage(failed(saved.error));
      return null;
    }
    let next = saved.value;
    const field = password.current;
    const typed = field?.value ?? '';
    if (field) field.value = '';
    if (typed) {
      const sent = await api.call('team/password', { password: typed });
      if (!sent.ok) {
        setMessage(failed(sent.error));
        return null;
      }
      next = sent.value;
    }
    team.update(next);
    return next;
  };

  const connect = async (e: FormEvent) => {
    e.preventDefault();
    setBusy('connect');
    setMessage(null);
    if (await save()) {
      const r = await api.call('team/test', {});
      if (!r.ok) setMessage(failed(r.error));
      else setMessage(r.value.problem ? problemMessage(r.value.problem) : { tone: 'ok', text: t('team.connected') });
    }
    setBusy(null);
  };

  const chooseCa = async () => {
    setBusy('ca');
    setMessage(null);
    if (await save()) {
      const r = await api.call('team/choose-ca-file', {});
      if (r.ok) team.update(r.value);
      else if (r.error.kind !== 'cancelled') setMessage(failed(r.error));
    }
    setBusy(null);
  };

  const switchTo = async (to: 'team' | 'local') => {
    setBusy('switch');
    setMessage(null);
    const r = await api.call(to === 'team' ? 'team/use' : 'team/leave', {});
    setBusy(null);
    if (!r.ok) return setMessage(failed(r.error));
    if (to === 'team' && r.value.using !== 'team' && r.value.problem) setMessage(problemMessage(r.value.problem));
    // A move to the other cache reloads the app's data (TeamProvider).
    team.update(r.value);
  };

  const onTeam = status?.using === 'team';
  return (
    <section className="settings-team" data-testid="settings-team" aria-labelledby="team-title">
      <h3 id="team-title">{t('team.title')}</h3>
      <p className="muted small">{t('team.intro')}</p>
      <p className="small" data-testid="team-using" role="status">
        {onTeam ? t('team.usingTeam', { address: status?.address ?? '' }) : t('team.usingLocal')}
      </p>
      <form className="team-form" onSubmit={connect} autoComplete="off" data-testid="team-form">
        <label className="team-host">
          {t('team.host')}
          <input data-testid="team-host" value={fields.host} required maxLength={255} spellCheck={false} onChange={(e) => set('host', e.target.value)} placeholder="db.example.com" />
        </label>
        <label className="team-port">
          {t('team.port')}
          <input
            data-testid="team-port"
            inputMode="numeric"
            pattern="[0-9]{1,5}"
            maxLength={5}
            required
            value={fields.port || ''}
            onChange={(e) => set('port', Number(e.target.value.replace(/\D/g, '')))}
          />
        </label>
        <label>
          {t('team.database')}
          <input data-testid="team-database" value={fields.database} required maxLength={63} spellCheck={false} onChange={(e) => set('database', e.target.value)} />
        </label>
        <label>
          {t('team.user')}
          <input data-testid="team-user" value={fields.user} required maxLength={63} spellCheck={false} autoComplete="off" onChange={(e) => set('user', e.target.value)} />
        </label>
        <label className="team-wide">
          {t('team.tls')}
          <select data-testid="team-tls" value={fields.tls} onChange={(e) => set('tls', e.target.value as TeamFields['tls'])}>
            <option value="verify-full">{t('team.tlsVerify')}</option>
            <option value="disable">{t('team.tlsNone')}</option>
          </select>
          <span className="muted small">{t('team.tlsHelp')}</span>
        </label>
        {fields.tls === 'verify-full' && (
          <div className="team-wide team-ca" data-testid="team-ca">
            <span className="team-label">{t('team.caFile')}</span>
            <span className="small" data-testid="team-ca-name">
              {status?.caFileName ?? t('team.caNone')}
            </span>
            {status?.canChooseCaFile ? (
              <span className="actions left">
                <button type="button" data-testid="team-ca-choose" disabled={busy !== null} onClick={() => void chooseCa()}>
                  {t('team.caChoose')}
                </button>
                {status.caFileName && (
                  <button type="button" data-testid="team-ca-remove" disabled={busy !== null} onClick={() => void save({ clearCaFile: true })}>
                    {t('team.caRemove')}
                  </button>
                )}
              </span>
            ) : (
              <span className="muted small">{t('team.caDesktopOnly')}</span>
            )}
          </div>
        )}
        <label className="team-wide">
          {status?.passwordSaved ? t('team.passwordNew') : t('team.password')}
          <input ref={password} data-testid="team-password" type="password" autoComplete="new-password" spellCheck={false} maxLength={1024} />
          <span className="muted small" data-testid="team-password-state">
            {status?.passwordSaved ? (
              <>
                <span className="ok-dot" aria-hidden="true" /> {t('team.passwordSaved')}
              </>
            ) : (
              t('team.passwordHelp')
            )}
          </span>
        </label>
        <div className="actions left team-wide">
          <button type="submit" className="primary" data-testid="team-connect" disabled={busy !== null}>
            {busy === 'connect' ? t('team.connecting') : t('team.connect')}
          </button>
          {onTeam ? (
            <button type="button" data-testid="team-leave" disabled={busy !== null} onClick={() => void switchTo('local')}>
              {busy === 'switch' ? t('team.switching') : t('team.leave')}
            </button>
          ) : (
            <button type="button" data-testid="team-use" disabled={busy !== null || !status?.fields} onClick={() => void switchTo('team')}>
              {busy === 'switch' ? t('team.switching') : t('team.use')}
            </button>
          )}
        </div>
      </form>
      {message && (
        <div className={`notice ${message.tone} small`} role={message.tone === 'error' ? 'alert' : 'status'} data-testid="team-message" data-reason={message.reason ?? (message.tone === 'ok' ? 'connected' : 'refused')}>
          <p>{message.text}</p>
          {message.detail && <p className="team-detail">{message.detail}</p>}
        </div>
      )}
    </section>
  );
}
