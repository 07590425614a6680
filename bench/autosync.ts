import { planAutoSync, planFixedOverlap, type AutoSyncState } from '../src-main/core/sync/auto-plan';
import { DEFAULT_OVERLAP_MS } from '../src-main/core/sync/sync-engine';
import { ROW_CAP } from '../src-main/core/sync/windows';
import { ZoneConverter } from '../src-main/core/time/zone';
import { recordsForDay, type GeneratedRecord } from '../src-main/sim/dataset';
import { addDays } from '../src-main/sim/days';

/**
 * A day of auto-sync at 20,000 interactions a day, one tick every 5 minutes, under today's plan (the
 * 48 h overlap every tick) and the new one (auto-plan.ts). The API is modelled on the simulator's own
 * records (same generator, seed and open/close times): a tick's range returns every record created in
 * it by then, a call per 60,000 rows. The cache is modelled as what each record looked like when last
 * downloaded, which is what the planner reads (oldest interaction still open). Besides calls and rows,
 * how late the cache learns of closings: the new plan is cheaper only if it stays fresh enough.
 */
const ZONE = 'America/Bogota';
const PER_DAY = 20_000;
const TICK_MS = 5 * 60_000;
const DAY_MS = 86_400_000;
const HISTORY_DAYS = 8;
const DAY = '2026-03-02';

interface Outcome {
  calls: number;
  rows: number;
  /** Minutes from a closing to the tick that brought it, for closings of the day that arrived. */
  delaysMin: number[];
  /** Interactions that closed during the day and were still open in the cache at its end. */
  missed: number;
}

type Planner = (state: AutoSyncState) => { startUtc: number; endUtc: number; refreshes?: { open: boolean; full: boolean } };

function simulateDay(records: readonly GeneratedRecord[], t0: number, planner: Planner): Outcome {
  // Cache state per record (records ascend by creation): -1 not cached, 0 cached open, 1 cached closed.
  const seen = new Int8Array(records.length);
  const learnedAt = new Float64Array(records.length).fill(NaN);
  for (let i = 0; i < records.length; i++) seen[i] = records[i]!.createdUtcMs < t0 ? (t0 >= records[i]!.closedUtcMs ? 1 : 0) : -1;
  const lowerBound = (utc: number) => {
    let lo = 0;
    let hi = records.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (records[mid]!.createdUtcMs < utc) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const state: AutoSyncState = { now: t0, lastCoveredUtc: t0, oldestOpenUtc: null, lastOpenRefreshUtc: t0 - TICK_MS, lastFullRefreshUtc: t0 - DAY_MS / 2 };
  const out: Outcome = { calls: 0, rows: 0, delaysMin: [], missed: 0 };
  for (let now = t0 + TICK_MS; now <= t0 + DAY_MS; now += TICK_MS) {
    state.now = now;
    let oldest: number | null = null;
    for (let i = lowerBound(now - 7 * DAY_MS); i < records.length && seen[i] !== -1; i++) {
      if (seen[i] === 0) {
        oldest = records[i]!.createdUtcMs;
        break;
      }
    }
    state.oldestOpenUtc = oldest;
    const plan = planner(state);
    let rows = 0;
    for (let i = lowerBound(plan.startUtc); i < records.length && records[i]!.createdUtcMs < plan.endUtc; i++) {
      rows++;
      const closed = now >= records[i]!.closedUtcMs;
      if (closed && seen[i] !== 1) learnedAt[i] = now;
      seen[i] = closed ? 1 : 0;
    }
    out.calls += Math.max(1, Math.ceil(rows / ROW_CAP));
    out.rows += rows;
    state.lastCoveredUtc = plan.endUtc;
    if (plan.refreshes?.open) state.lastOpenRefreshUtc = now;
    if (plan.refreshes?.full) state.lastFullRefreshUtc = now;
  }
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    if (r.closedUtcMs <= t0 || r.closedUtcMs > t0 + DAY_MS || r.createdUtcMs > t0 + DAY_MS) continue;
    if (Number.isNaN(learnedAt[i]!)) out.missed++;
    else out.delaysMin.push((learnedAt[i]! - r.closedUtcMs) / 60_000);
  }
  return out;
}

function quantile(sorted: number[], q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : NaN;
}

function describe(name: string, o: Outcome): string {
  const d = [...o.delaysMin].sort((a, b) => a - b);
  return (
    `autosync ${name}: ${o.calls.toLocaleString('en-US')} calls, ${o.rows.toLocaleString('en-US')} rows a day; ` +
    `closings arrive after median ${quantile(d, 0.5).toFixed(0)} min, p95 ${quantile(d, 0.95).toFixed(0)} min; ${o.missed} closings of the day not seen by its end`
  );
}

export async function benchAutoSync(opts: { log: (line: string) => void }): Promise<Record<string, number>> {
  const zone = new ZoneConverter(ZONE);
  const t0 = zone.parseToUtc(`${DAY} 00:00:00`)!;
  const records: GeneratedRecord[] = [];
  for (let d = -HISTORY_DAYS; d <= 1; d++) records.push(...recordsForDay(1, addDays(DAY, d), PER_DAY, ZONE));
  const today = simulateDay(records, t0, (s) => planFixedOverlap(s.now, s.lastCoveredUtc, DEFAULT_OVERLAP_MS));
  const planned = simulateDay(records, t0, (s) => planAutoSync(s));
  opts.log(`autosync: a simulated day at ${PER_DAY.toLocaleString('en-US')} interactions/day, a tick every 5 minutes (288 ticks)`);
  opts.log(describe("today's plan (48 h every tick)", today));
  opts.log(describe('new plan (new every tick, open hourly, 48 h + long-open daily)', planned));
  return { todayCalls: today.calls, todayRows: today.rows, plannedCalls: planned.calls, plannedRows: planned.rows, plannedMissed: planned.missed };
}
