import type { Profile, SyncProgress } from '../../src-main/core/api/contract';
import { LANGS, useI18n, type Lang } from '../i18n';
import { SearchBox } from './SearchBox';

interface Props {
  profiles: Profile[];
  /** Null when a cache is open with no profile: the sync button then asks for one. */
  active: Profile | null;
  /** The app works on the team cache: its sync host syncs, so the sync button only shows its runs. */
  teamCache?: boolean;
  search: string;
  progress: SyncProgress | null;
  onSearch(text: string): void;
  /** ↓ or Enter in the search box: focus the results. */
  onSearchResults?(text: string): void;
  onProfile(id: string): void;
  onSync(): void;
  onSettings(): void;
  onLang(lang: Lang): void;
}

export function Header(props: Props) {
  const { t, lang } = useI18n();
  const { progress } = props;
  const percent = progress && progress.endUtc > progress.startUtc ? Math.round((100 * (progress.coveredUtc - progress.startUtc)) / (progress.endUtc - progress.startUtc)) : null;
  return (
    <header className="topbar">
      <div className="brand">
        <span className="logo" aria-hidden="true">
          W
        </span>
        {/* The product's name is the page's one level-one heading (views and dialogs use h2, h3). */}
        <h1 className="brand-name">Wolkvox Audit</h1>
        {props.active && props.profiles.length > 1 ? (
          <select className="profile-switch" value={props.active.id} onChange={(e) => props.onProfile(e.target.value)} aria-label={t('profile.switch')}>
            {props.profiles.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        ) : (
          <span className="profile-name muted">{props.active ? props.active.name : props.teamCache ? '' : t('profile.none')}</span>
        )}
        {props.teamCache && (
          <span className="chip team-chip" data-testid="team-chip">
            {t('team.chip')}
          </span>
        )}
      </div>
      <SearchBox value={props.search} onChange={props.onSearch} onResults={props.onSearchResults} />
      <div className="top-actions">
        <button
          type="button"
          className={progress ? 'sync-button busy' : 'sync-button'}
          data-testid="sync-button"
          title={props.active || props.teamCache ? undefined : t('sync.needProfile')}
          onClick={props.onSync}
        >
          <span aria-hidden="true">⟳</span>{' '}
          {progress ? t('sync.buttonRunning', { percent: Math.max(0, Math.min(100, percent ?? 0)) }) : props.active || props.teamCache ? t('sync.button') : t('sync.buttonSetup')}
        </button>
        <div className="lang-switch" role="group" aria-label={t('settings.language')}>
          {LANGS.map((l) => (
            <button key={l} type="button" data-testid={`lang-${l}`} aria-pressed={lang === l} className={lang === l ? 'on' : ''} onClick={() => props.onLang(l)}>
              {l.toUpperCase()}
            </button>
          ))}
        </div>
        <button type="button" data-testid="settings-button" onClick={props.onSettings}>
          {t('settings.open')}
        </button>
      </div>
    </header>
  );
}
