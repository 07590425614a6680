import { ROW_CAP } from './windows';

/**
 * What each auto-sync tick asks for. Every call costs a unit of the daily quota and every row a
 * download, so a tick asks only for what can have changed:
 * - new interactions arrive after the last covered instant: each tick asks from there (minus a few
 *   minutes for late writes) to now, one small call;
 * - open interactions change until they close: at a slower cadence (hourly by default) the tick
 *   reaches back to the oldest interaction still open in the cache (at most 48 h back);
 * - once a day, a full overlap (48 h) catches whatever else changed (a reopened case, an edit), and
 *   reaches back to interactions open for longer (at most a week back). Some never close (abandoned
 *   chats): asking a week back every hour for them would cost more than the 48 h overlap it replaces.
 * The three ranges all end now, so a tick is one range from the earliest start that is due.
 */
export type AutoSyncKind = 'new' | 'open' | 'full';

export interface AutoSyncSettings {
  /** Re-asked before the last covered instant on every tick, for records written late. */
  tailOverlapMs: number;
  /** How often open interactions are re-fetched. */
  openRefreshEveryMs: number;
  /** How far back the hourly re-fetch of open interactions may reach. */
  openLookbackMs: number;
  /** How far back the daily refresh reaches for interactions open longer; older ones are left to a manual sync. */
  longOpenLookbackMs: number;
  /** How often the full overlap is re-fetched. */
  fullRefreshEveryMs: number;
  /** How far back the full refresh reaches before the last covered instant. */
  fullOverlapMs: number;
}

const SECOND = 1000;
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

export const DEFAULT_AUTO_SYNC: AutoSyncSettings = {
  tailOverlapMs: 5 * MINUTE,
  openRefreshEveryMs: HOUR,
  openLookbackMs: 48 * HOUR,
  longOpenLookbackMs: 7 * DAY,
  fullRefreshEveryMs: DAY,
  fullOverlapMs: 48 * HOUR,
};

/** A timer firing a little early must not push a refresh to the next tick. */
const DUE_SLACK_MS = MINUTE;

export interface AutoSyncState {
  now: number;
  /** Everything before this instant is in the cache; null when nothing was ever synced. */
  lastCoveredUtc: number | null;
  /** Creation instant of the oldest interaction the cache holds as open (within longOpenLookbackMs); null when none is. */
  oldestOpenUtc: number | null;
  /** When the last tick that re-fetched the open interactions started. */
  lastOpenRefreshUtc: number | null;
  /** When the last tick with the full overlap started. */
  lastFullRefreshUtc: number | null;
}

export interface AutoSyncPlan {
  startUtc: number;
  endUtc: number;
  /** What the range was widened for ('new' always). */
  kinds: AutoSyncKind[];
  /** What this range refreshes once done: the caller records `now` as the refresh time of each. */
  refreshes: { open: boolean; full: boolean };
}

const floorSecond = (ms: number) => Math.floor(ms / SECOND) * SECOND;
const due = (last: number | null, every: number, now: number) => last === null || now - last >= every - DUE_SLACK_MS;

export function planAutoSync(state: AutoSyncState, settings: AutoSyncSettings = DEFAULT_AUTO_SYNC): AutoSyncPlan {
  const endUtc = floorSecond(state.now);
  const latestStart = endUtc - SECOND;
  if (state.lastCoveredUtc === null) {
    // Nothing cached yet: the full overlap back from now, as a first sync.
    return { startUtc: Math.min(latestStart, floorSecond(state.now - settings.fullOverlapMs)), endUtc, kinds: ['full'], refreshes: { open: true, full: true } };
  }
  const covered = Math.min(state.lastCoveredUtc, endUtc);
  const kinds: AutoSyncKind[] = ['new'];
  let start = covered - settings.tailOverlapMs;
  const oldestOpen = (lookback: number) => (state.oldestOpenUtc === null ? null : Math.max(state.oldestOpenUtc, state.now - lookback));
  const longOpen = oldestOpen(settings.longOpenLookbackMs);
  const fullStart = Math.min(covered - settings.fullOverlapMs, longOpen ?? Infinity);
  if (due(state.lastFullRefreshUtc, settings.fullRefreshEveryMs, state.now)) {
    kinds.push('full');
    start = Math.min(start, fullStart);
  }
  const openStart = oldestOpen(settings.openLookbackMs);
  if (openStart !== null && due(state.lastOpenRefreshUtc, settings.openRefreshEveryMs, state.now)) {
    kinds.push('open');
    start = Math.min(start, openStart);
  }
  const startUtc = Math.min(latestStart, floorSecond(start));
  return {
    startUtc,
    endUtc,
    kinds,
    refreshes: { open: openStart === null || startUtc <= openStart, full: startUtc <= fullStart },
  };
}

/** Today's plan, kept for `--overlap-hours` and for comparison: every tick re-asks the whole overlap. */
export function planFixedOverlap(now: number, lastCoveredUtc: number | null, overlapMs: number): { startUtc: number; endUtc: number } {
  const endUtc = floorSecond(now);
  return { startUtc: Math.min(endUtc - SECOND, floorSecond((lastCoveredUtc ?? now) - overlapMs)), endUtc };
}

export interface DailyCost {
  calls: number;
  rows: number;
}

/** Calls and rows of one range at a steady pace of interactions (ranges here are shorter than a 31-day window). */
function rangeCost(startUtc: number, endUtc: number, rowsPerDay: number): DailyCost {
  const rows = (rowsPerDay * (endUtc - startUtc)) / DAY;
  return { calls: Math.max(1, Math.ceil(rows / (ROW_CAP - 1))), rows };
}

/**
 * What a day of ticks is expected to cost at a steady pace, with the oldest open interaction kept
 * `openAgeMs` behind now (null: none open). Runs the planner itself, so the estimate is the plan.
 */
export function estimateAutoSyncDaily(
  rowsPerDay: number,
  openAgeMs: number | null,
  tickMs: number,
  settings: AutoSyncSettings = DEFAULT_AUTO_SYNC,
): DailyCost {
  const t0 = 0;
  const state: AutoSyncState = { now: t0, lastCoveredUtc: t0 - tickMs, oldestOpenUtc: null, lastOpenRefreshUtc: null, lastFullRefreshUtc: null };
  const total: DailyCost = { calls: 0, rows: 0 };
  for (let now = t0; now < t0 + DAY; now += tickMs) {
    state.now = now;
    state.oldestOpenUtc = openAgeMs === null ? null : now - openAgeMs;
    const plan = planAutoSync(state, settings);
    const cost = rangeCost(plan.startUtc, plan.endUtc, rowsPerDay);
    total.calls += cost.calls;
    total.rows += cost.rows;
    state.lastCoveredUtc = plan.endUtc;
    if (plan.refreshes.open) state.lastOpenRefreshUtc = now;
    if (plan.refreshes.full) state.lastFullRefreshUtc = now;
  }
  return { calls: total.calls, rows: Math.round(total.rows) };
}

/** The same day under today's plan: every tick re-downloads the whole overlap. */
export function estimateFixedOverlapDaily(rowsPerDay: number, tickMs: number, overlapMs: number): DailyCost {
  const ticks = Math.ceil(DAY / tickMs);
  const one = rangeCost(0, tickMs + overlapMs, rowsPerDay);
  return { calls: ticks * one.calls, rows: Math.round(ticks * one.rows) };
}
