/**
 * The application service the hosts hold, whichever cache it runs on: this computer's (SQLite) or the
 * team's (PostgreSQL). The hosts take `handlers` and `subscribe` once; every call goes to the service of
 * the cache in use, and its events come through. Switching opens a whole service on the other cache first
 * and closes the running one only once the new one works, so a failed switch leaves the app where it was.
 *
 * At start the app opens the team cache when the user chose it; if it cannot (unreachable, wrong
 * password…), it opens on this computer's cache and says why (team/status `problem`, the UI's banner with
 * "Try again"): the window always opens. A team cache lost while in use (network errors from the calls
 * that read it) raises the same banner, and the next of those calls that succeeds lowers it.
 */
import { operations, type Channel, type Handlers, type ResultOf, type TeamProblem, type TeamStatus } from '../../api/contract';
import { AppError, isAppError } from '../../errors';
import type { TeamPreferences } from '../../prefs';
import type { TeamPrefs } from '../../prefs/schema';
import type { AppService, CacheService, EventListener, TeamChannel } from '../../service/types';
import type { OfflineStore } from '../../store/offline-copy';
import type { PostgresConfig } from '../../store/postgres/backend';
import type { Store } from '../../store/store';
import { openOfflineService } from './offline/offline-service';
import { teamHandlers } from './team-handlers';
import { caFileNameOf, teamConfigOf, type TeamPasswords } from './team-connection';
import { noPasswordProblem, teamProblemOf } from './team-problem';
import { withinTime } from './within-time';

/** The service on the team cache, with its store (what offline copies are taken from and sent to). */
export type TeamCacheService = CacheService & { readonly store: Store };

export interface SwitchingDeps {
  openLocal(): Promise<CacheService>;
  openTeam(config: PostgresConfig): Promise<TeamCacheService>;
  /**
   * This computer's cache as a store that keeps offline copies, opened beside whichever service runs (kept
   * open until close); null when this computer's cache cannot hold them.
   */
  openLocalStore(): Promise<OfflineStore | null>;
  /** Opens the team cache's store and closes it (Settings → Connect). */
  checkTeam(config: PostgresConfig): Promise<void>;
  prefs: TeamPreferences;
  passwords: TeamPasswords;
  /** The host's own open dialog for a CA file (the desktop app); absent in the browser host. */
  chooseCaFile?: () => Promise<string | null>;
  log?: (line: string) => void;
  now?: () => number;
}

/** How long opening the team cache may take before it counts as unreachable (a server that drops packets). */
const OPEN_TIMEOUT_MS = 15_000;

/** Calls that read the team cache: a network error from one means the cache is lost; a success, that it is back. */
const READS_THE_CACHE = new Set<Channel>([
  'app/info', 'profiles/list', 'interactions/page', 'interactions/count', 'interactions/get', 'conversation/get', 'facets/get',
  'reviews/get', 'reviews/save', 'reviews/progress', 'insights/get', 'sync/state', 'sync/history', 'samples/list',
]);

export async function openSwitchingService(d: SwitchingDeps): Promise<AppService> {
  const timeout = OPEN_TIMEOUT_MS;
  const listeners = new Set<EventListener>();
  const emit: EventListener = (event, payload) => {
    for (const l of listeners) l(event, payload);
  };
  let using: 'local' | 'team' = 'local';
  let problem: TeamProblem | null = null;
  let stopForwarding = () => {};
  // In turn: a switch, the close, one after the other.
  let queue: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work);
    queue = run.catch(() => undefined);
    return run;
  };

  const problemOf = async (error: unknown, config: PostgresConfig | null): Promise<TeamProblem> => {
    const found = teamProblemOf(error);
    // With no password the driver stops before asking the server ("client password must be a string").
    const aboutPassword = found.reason === 'auth' || (found.reason !== 'tls' && /password|SASL/i.test(found.error.message));
    if (aboutPassword && config && !(await d.passwords.saved(config))) return noPasswordProblem();
    return found;
  };
  /** A service on the saved team cache, with the keychain's password; throws why not. */
  const openTeamService = async (team: TeamPrefs): Promise<TeamCacheService> => {
    let config: PostgresConfig | null = null;
    try {
      config = await d.passwords.withPassword(teamConfigOf(team));
      return await withinTime(d.openTeam(config), timeout, (late) => late.close());
    } catch (error) {
      throw Object.assign(new AppError(isAppError(error) ? error.kind : 'storage', error instanceof Error ? error.message : String(error)), {
        problem: await problemOf(error, config),
      });
    }
  };

  let current: CacheService;
  let teamStore: Store | null = null;
  const adopt = (service: CacheService | TeamCacheService, kind: 'local' | 'team') => {
    stopForwarding();
    current = service;
    using = kind;
    teamStore = kind === 'team' && 'store' in service ? service.store : null;
    stopForwarding = service.subscribe(emit);
  };

  let localStore: Promise<OfflineStore | null> | null = null;
  const offline = openOfflineService({
    local: () => {
      localStore ??= d.openLocalStore();
      const opening = localStore;
      // A failed open is tried again at the next call.
      opening.catch(() => {
        if (localStore === opening) localStore = null;
      });
      return opening;
    },
    team: () => (using === 'team' && teamStore ? { store: teamStore, reachable: problem === null } : null),
    teamLost: () => problem !== null,
    login: async () => (await d.prefs.get())?.fields.user ?? '',
    source: async () => (await status()).address ?? '',
    lost: (error) => {
      if (using === 'team' && !problem) {
        problem = teamProblemOf(error);
        announce();
      }
    },
    emit: (s) => emit('offline/status', s),
    now: d.now ?? Date.now,
    log: d.log,
  });

  const saved = await d.prefs.get();
  let first: TeamCacheService | null = null;
  if (saved?.use) {
    try {
      first = await openTeamService(saved);
    } catch (error) {
      problem = (error as { problem: TeamProblem }).problem;
      d.log?.(`team cache not opened at start (${problem.reason}); this computer's cache is open instead`);
    }
  }
  adopt(first ?? (await d.openLocal()), first ? 'team' : 'local');

  const status = () => statusOf({ using, problem, prefs: d.prefs, passwords: d.passwords, canChooseCaFile: d.chooseCaFile !== undefined });
  const announce = () => {
    void status().then((s) => emit('team/status', s), () => undefined);
  };

  // Never under a push: closing the team cache's store mid-push failed the reviews left with a driver error.
  const replace = (next: CacheService | TeamCacheService, kind: 'local' | 'team') =>
    offline.exclusive(async () => {
      const old = current;
      adopt(next, kind);
      problem = null;
      await old.close().catch((error: unknown) => d.log?.(`closing the previous cache failed: ${error instanceof Error ? error.message : String(error)}`));
    });
  const switchTo = (kind: 'local' | 'team'): Promise<TeamStatus> =>
    inTurn(async () => {
      if (kind === 'team') {
        const team = await d.prefs.get();
        if (!team) throw new AppError('bad-input', 'Save the team cache connection first.');
        try {
          const next = await openTeamService(team);
          await d.prefs.setUse(true);
          await replace(next, 'team');
          offline.autoPush();
        } catch (error) {
          problem = (error as { problem?: TeamProblem }).problem ?? teamProblemOf(error);
        }
      } else {
        await d.prefs.setUse(false);
        if (using === 'team') await replace(await d.openLocal(), 'local');
        problem = null;
      }
      announce();
      return status();
    });

  const delegate = (channel: Exclude<Channel, TeamChannel>) => async (args: unknown) => {
    const service = current;
    const watched = using === 'team' && READS_THE_CACHE.has(channel);
    // A save of this review kept on this computer goes first: else the panel shows the team's older review, and
    // a save there makes the kept one a conflict with oneself.
    const uid = (args as { uid?: unknown } | null)?.uid;
    if (using === 'team' && (channel === 'reviews/get' || channel === 'reviews/save') && typeof uid === 'string') await offline.sendFirst(uid);
    try {
      const value = await (service.handlers[channel] as (a: unknown) => Promise<unknown>)(args);
      if (watched && problem && current === service) {
        problem = null;
        announce();
        offline.autoPush();
      }
      noteAnswer(channel, args, value, watched);
      return value;
    } catch (error) {
      const lost = watched && current === service && isAppError(error) && error.kind === 'network';
      if (lost && !problem) {
        problem = teamProblemOf(error);
        announce();
      }
      if (lost && channel === 'reviews/save') {
        // The connection dropped during a save: kept on this computer and sent when the team cache is back.
        const kept = await offline.keepSave(args as Parameters<Handlers['reviews/save']>[0]).catch((failure: unknown) => {
          d.log?.(`a review could not be kept on this computer: ${failure instanceof Error ? failure.message : String(failure)}`);
          return null;
        });
        if (kept) return { ...kept, tags: [...kept.tags], keptLocally: true };
      }
      throw error;
    }
  };
  /** What offline work needs to know of the answers: reviews read from the team, saves made here. */
  const noteAnswer = (channel: Channel, args: unknown, value: unknown, onTeam: boolean) => {
    if (channel === 'reviews/get' && onTeam) offline.readReview((args as { uid: string }).uid, value as ResultOf<'reviews/get'>);
    else if (channel === 'reviews/save' && onTeam) offline.savedOnTeam(value as ResultOf<'reviews/save'>);
    else if (channel === 'reviews/save' && using === 'local') offline.savedHere((args as { uid: string }).uid);
  };
  const cacheChannels = (Object.keys(operations) as Channel[]).filter((c): c is Exclude<Channel, TeamChannel> => !c.startsWith('team/') && !c.startsWith('offline/'));
  const handlers: Handlers = {
    ...(Object.fromEntries(cacheChannels.map((c) => [c, delegate(c)])) as unknown as Omit<Handlers, TeamChannel>),
    ...teamHandlers({
      status, switchTo, prefs: d.prefs, passwords: d.passwords, chooseCaFile: d.chooseCaFile,
      check: async (team) => {
        let config: PostgresConfig | null = null;
        try {
          config = await d.passwords.withPassword(teamConfigOf(team));
          await withinTime(d.checkTeam(config), timeout, () => undefined);
          return null;
        } catch (error) {
          return problemOf(error, config);
        }
      },
    }),
    ...offline.handlers,
  };

  // Reviews kept on this computer go as soon as the team cache is open.
  if (first) offline.autoPush();

  return {
    handlers,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () =>
      inTurn(async () => {
        stopForwarding();
        await offline.close();
        try {
          await current.close();
        } finally {
          const local = await localStore?.catch(() => null);
          await local?.close();
          listeners.clear();
        }
      }),
  };
}

async function statusOf(d: {
  using: 'local' | 'team';
  problem: TeamProblem | null;
  prefs: TeamPreferences;
  passwords: TeamPasswords;
  canChooseCaFile: boolean;
}): Promise<TeamStatus> {
  const team = await d.prefs.get();
  let passwordSaved = false;
  if (team) {
    try {
      passwordSaved = await d.passwords.saved(teamConfigOf(team));
    } catch {
      // Fields a newer rule refuses: no password can be looked up for them until they are saved again.
    }
  }
  const f = team?.fields;
  return {
    using: d.using,
    chosen: team?.use ?? false,
    fields: f ?? null,
    caFileName: caFileNameOf(team?.caFile ?? null),
    passwordSaved,
    canChooseCaFile: d.canChooseCaFile,
    problem: d.problem,
    address: f ? `${f.user}@${f.host.includes(':') ? `[${f.host}]` : f.host}:${f.port}/${f.database}` : null,
  };
}
