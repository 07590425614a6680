import { AppError } from '../errors';
import type { PurgeCounts, ServerRemovalCounts } from '../store/types';
import type { Store } from '../store/store';
import type { MovedAsideCaches } from '../store/backend';
import { PROFILE_KEYS, ProfileRepo, removeProfileIn, type Profile } from './profiles';
import type { SettingsRepo } from './settings-repo';
import type { TokenAccess } from './tokens';

/** How long a profile keeps its interactions: null days keeps them all (the default). */
export interface RetentionPolicy {
  keepDays: number | null;
  /** Interactions with a review (in review, pass or fail) stay, whatever their age, with their reviews. */
  keepReviewed: boolean;
}

export const DEFAULT_RETENTION: RetentionPolicy = Object.freeze({ keepDays: null, keepReviewed: true });
export const MAX_KEEP_DAYS = 3650;
const DAY_MS = 86_400_000;
const SETTING = 'retention';

/** What removing a profile would remove; `sharedWith` names the other profiles on its server, whose data stays. */
export interface RemovalPlan extends ServerRemovalCounts {
  server: string;
  sharedWith: string[];
  token: boolean;
}

export interface RetentionDeps {
  /** Plans (counts), and deletes: one transaction each, which the SQLite store runs on its writer thread. */
  store: Pick<Store, 'planServerRemoval' | 'purge' | 'removeServerData'>;
  settings: SettingsRepo;
  profiles: ProfileRepo;
  tokens: TokenAccess;
  now: () => number;
  log?: (line: string) => void;
  /** Caches moved aside beside this one: removed once older than the longest retention period. */
  brokenCaches?: MovedAsideCaches;
}

/** The instant before which an interaction is older than `days` days (whole 24-hour days back from now). */
export function cutoffOf(now: number, days: number): number {
  return now - days * DAY_MS;
}

/**
 * Retention per profile (kept in settings by profile id) applied after each sync of its server, and the
 * removal of a profile with its data and its keychain entries. Rows belong to a server (store/retention.ts
 * says why): when several profiles share a server, retention keeps what the most patient of them keeps,
 * and removing one of them removes only the profile, never the rows or the token the others still use.
 */
export class RetentionService {
  constructor(private readonly d: RetentionDeps) {}

  private all(): Promise<Record<string, RetentionPolicy>> {
    return this.d.settings.get<Record<string, RetentionPolicy>>(SETTING, {});
  }

  async policy(profileId: string): Promise<RetentionPolicy> {
    await this.d.profiles.get(profileId);
    return { ...DEFAULT_RETENTION, ...(await this.all())[profileId] };
  }

  async setPolicy(profileId: string, policy: RetentionPolicy): Promise<RetentionPolicy> {
    if (policy.keepDays !== null && !(Number.isInteger(policy.keepDays) && policy.keepDays >= 1 && policy.keepDays <= MAX_KEEP_DAYS)) {
      throw new AppError('bad-input', `Keep interactions for 1 to ${MAX_KEEP_DAYS} days, or keep them all.`);
    }
    const clean: RetentionPolicy = { keepDays: policy.keepDays, keepReviewed: policy.keepReviewed };
    // The profile checked in the same update: a policy is never saved for a profile just removed.
    await this.d.settings.update([...PROFILE_KEYS, SETTING], (s) => {
      ProfileRepo.requireIn(s, profileId);
      s.set(SETTING, { ...s.get<Record<string, RetentionPolicy>>(SETTING, {}), [profileId]: clean });
    });
    return clean;
  }

  /** The policy that holds for a server: none when any of its profiles keeps everything. */
  private async serverPolicy(server: string): Promise<{ keepDays: number; keepReviewed: boolean } | null> {
    const all = await this.all();
    const policies = (await this.d.profiles.list()).filter((p) => p.server === server).map((p) => ({ ...DEFAULT_RETENTION, ...all[p.id] }));
    if (policies.length === 0 || policies.some((p) => p.keepDays === null)) return null;
    return { keepDays: Math.max(...policies.map((p) => p.keepDays!)), keepReviewed: policies.some((p) => p.keepReviewed) };
  }

  /** After a sync of `server` (whatever its outcome): removes what its retention no longer keeps. */
  async afterSync(server: string): Promise<PurgeCounts | null> {
    const policy = await this.serverPolicy(server);
    if (!policy) return null;
    const counts = await this.d.store.purge({ server, beforeUtc: cutoffOf(this.d.now(), policy.keepDays), keepReviewed: policy.keepReviewed });
    if (counts.interactions > 0) {
      this.d.log?.(`retention: removed ${counts.interactions} interaction(s) of server ${server} older than ${policy.keepDays} day(s), ${counts.reviews} review(s)`);
    }
    return counts;
  }

  /**
   * How every sync ends, in the app and in the CLI alike: retention applied after it, whatever its outcome.
   * Never throws: a failed removal is logged and the sync's own result stands (the next sync applies it again).
   */
  async applyAfterSync(server: string): Promise<void> {
    try {
      await this.afterSync(server);
    } catch (error) {
      this.d.log?.(`retention after the sync of ${server} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    await this.applyToBrokenCaches();
  }

  /**
   * Moved-aside caches hold every server's rows: they go once older than the longest period any profile
   * keeps; none go while a profile keeps everything (or there is no profile). Never throws (logged).
   */
  async applyToBrokenCaches(): Promise<number> {
    if (!this.d.brokenCaches) return 0;
    try {
      const all = await this.all();
      const days = (await this.d.profiles.list()).map((p) => ({ ...DEFAULT_RETENTION, ...all[p.id] }).keepDays);
      if (days.length === 0 || days.some((d) => d === null)) return 0;
      const removed = this.d.brokenCaches.removeOlderThan(cutoffOf(this.d.now(), Math.max(...(days as number[]))));
      if (removed > 0) this.d.log?.(`retention: removed ${removed} moved-aside cache(s)`);
      return removed;
    } catch (error) {
      this.d.log?.(`retention of moved-aside caches failed: ${error instanceof Error ? error.message : String(error)}`);
      return 0;
    }
  }

  private async others(profile: Profile): Promise<Profile[]> {
    return (await this.d.profiles.list()).filter((p) => p.id !== profile.id && p.server === profile.server);
  }

  async removalPlan(profileId: string): Promise<RemovalPlan> {
    const profile = await this.d.profiles.get(profileId);
    const others = await this.others(profile);
    const token = others.length === 0 && (await this.d.tokens.status({ server: profile.server, baseUrl: profile.baseUrl }).then((s) => s.source === 'keychain', () => false));
    const counts = others.length > 0 ? { interactions: 0, reviews: 0, history: 0, reviewHistory: 0, sampleMembers: 0, syncRuns: 0 } : await this.d.store.planServerRemoval(profile.server);
    return { ...counts, server: profile.server, sharedWith: others.map((p) => p.name), token };
  }

  /**
   * Removes the profile; when no other profile uses its server, also its keychain entries, then (one
   * transaction on the writer) its rows, reviews, histories and sync runs, then the profile and its
   * retention (one transaction on the settings). The keychain goes first: if it cannot be reached nothing
   * is removed. Should the app stop between the two transactions, the profile is still listed, with no
   * data: removing it again finishes the job.
   */
  async removeProfile(profileId: string): Promise<RemovalPlan> {
    const profile = await this.d.profiles.get(profileId);
    const others = await this.others(profile);
    let token = false;
    if (others.length === 0) {
      token = await this.d.tokens.clear({ server: profile.server, baseUrl: profile.baseUrl });
      // The entry of Wolkvox's own address (and the old server-only one) may remain from before an address change.
      if (profile.baseUrl) token = (await this.d.tokens.clear(profile.server)) || token;
    }
    const counts = others.length === 0 ? await this.d.store.removeServerData(profile.server) : null;
    await this.d.settings.update([...PROFILE_KEYS, SETTING], (s) => {
      removeProfileIn(s, profileId);
      const { [profileId]: _gone, ...rest } = s.get<Record<string, RetentionPolicy>>(SETTING, {});
      s.set(SETTING, rest);
    });
    return {
      ...(counts ?? { interactions: 0, reviews: 0, history: 0, reviewHistory: 0, sampleMembers: 0, syncRuns: 0 }),
      server: profile.server,
      sharedWith: others.map((p) => p.name),
      token,
    };
  }
}
