import { useCallback, useEffect, useMemo, useState } from 'react';
import type { WolkvoxApi } from '../../src-main/core/api/contract';
import { detectLang, I18nProvider, useI18n, type Lang } from '../i18n';
import { ConnectionTest } from '../onboarding/ConnectionTest';
import { ProfileSettings } from '../settings/ProfileSettings';
import { TeamCacheSettings } from '../settings/TeamCacheSettings';
import { AppStateProvider, useApp } from '../state/app-context';
import { OfflineProvider } from '../state/offline-context';
import { onTeamCache, TeamProvider, useTeam } from '../state/team-context';
import { Workspace } from './Workspace';

const LANG_KEY = 'ui.language';

export function App({ api }: { api: WolkvoxApi }) {
  // Moved to another cache (Settings → Team cache): everything below asks its data again.
  const [opened, setOpened] = useState(0);
  const reopened = useCallback(() => setOpened((n) => n + 1), []);
  return (
    <TeamProvider api={api} onSwitched={reopened}>
      <OfflineProvider api={api}>
        <AppStateProvider key={opened} api={api}>
          <WithLanguage />
        </AppStateProvider>
      </OfflineProvider>
    </TeamProvider>
  );
}

/** The OS language until the user picks one; the choice is saved with the other settings. */
function WithLanguage() {
  const { settings, saveSetting } = useApp();
  const saved = settings[LANG_KEY];
  const lang: Lang = saved === 'es' || saved === 'en' ? saved : detectLang();
  const setLang = useMemo(() => (l: Lang) => saveSetting(LANG_KEY, l), [saveSetting]);
  return (
    <I18nProvider lang={lang}>
      <LangAttribute lang={lang} />
      <Screens onLang={setLang} />
    </I18nProvider>
  );
}

function LangAttribute({ lang }: { lang: Lang }) {
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  return null;
}

function Screens({ onLang }: { onLang(lang: Lang): void }) {
  const { t } = useI18n();
  const { loaded, active, startError, profiles, info } = useApp();
  // A team cache needs no profile of this computer's: its sync host fills it, so it opens on its data.
  const { status: team, loaded: teamLoaded } = useTeam();
  const teamCache = onTeamCache(team);
  // Chosen but not open (unreachable at start): the workspace, whose banner says why and offers to try again.
  const hasData = (info?.hasData ?? false) || teamCache || (team?.chosen ?? false);
  // A first run (no profile, empty cache) stays on the welcome card until the user has a profile and chose
  // to go on (token or not). A cache with data opens on its data, profile or not: a profile is only for syncing.
  const [onboarding, setOnboarding] = useState<boolean | null>(null);
  // Left through "Choose what to sync first": the workspace opens with the sync panel.
  const [syncFirst, setSyncFirst] = useState(false);
  useEffect(() => {
    // Decided once both answers are in: a team cache chosen means no first-run card.
    if (loaded && teamLoaded && onboarding === null) setOnboarding(profiles.length === 0 && !hasData);
  }, [loaded, teamLoaded, onboarding, profiles.length, hasData]);
  if (!loaded || !teamLoaded) return <div className="splash">{t('common.loading')}</div>;
  if (startError && profiles.length === 0) {
    return (
      <div className="splash" data-testid="start-error">
        <h1>{t('start.errorTitle')}</h1>
        <p>{startError}</p>
      </div>
    );
  }
  if ((!active && !hasData) || onboarding) {
    const sync = () => {
      setSyncFirst(true);
      setOnboarding(false);
    };
    return <FirstRun onLang={onLang} onDone={active ? () => setOnboarding(false) : undefined} onSync={active ? sync : undefined} />;
  }
  return <Workspace key={active?.id ?? ''} active={active} onLang={onLang} openSync={syncFirst} />;
}

/** No profile yet: say what the app does and ask for the one thing it needs. */
function FirstRun({ onLang, onDone, onSync }: { onLang(lang: Lang): void; onDone?: () => void; onSync?: () => void }) {
  const { t, lang } = useI18n();
  const { api, active } = useApp();
  return (
    <div className="first-run" data-testid="first-run">
      <div className="first-run-card">
        <div className="first-run-lang">
          <button type="button" data-testid="lang-es" aria-pressed={lang === 'es'} onClick={() => onLang('es')}>
            Español
          </button>
          <button type="button" data-testid="lang-en" aria-pressed={lang === 'en'} onClick={() => onLang('en')}>
            English
          </button>
        </div>
        <h1>{t('start.welcome')}</h1>
        <p>{t('start.intro')}</p>
        <ProfileSettings />
        {/* An auditor joining a team needs no Wolkvox profile nor token: the team cache is enough. */}
        <details className="first-run-team" data-testid="first-run-team">
          <summary>{t('team.join')}</summary>
          <TeamCacheSettings />
        </details>
        {active && onSync && <ConnectionTest key={active.id} api={api} profileId={active.id} onSync={onSync} />}
        {onDone && (
          <div className="actions">
            <button type="button" className="primary" data-testid="first-run-done" onClick={onDone}>
              {t('start.continue')}
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
