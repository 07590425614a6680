/**
 * Rows for the store benchmark: the simulator's realistic interactions (Spanish and English
 * conversations, HTML emails, emoji, long bodies, cases with several messages), produced window by
 * window so a million rows never sit in memory at once, and passed through JSON exactly as the API
 * client hands them over (flat strings, raw record kept).
 */
import { normaliseRecord } from '../src-main/core/wolkvox/response';
import type { IncomingRecord } from '../src-main/core/wolkvox/fields';
import { recordsForDay, recordState } from '../src-main/sim/dataset';
import { addDays } from '../src-main/sim/days';

export const BENCH_ZONE = 'America/Bogota';
export const BENCH_SERVER = '0032';
const SEED = 20260301;

export interface WindowPlan {
  /** First local day of data. */
  firstDay: string;
  rowsPerDay: number;
  daysPerWindow: number;
  /** The instant the records are seen at (decides open/closed/archived). */
  seenAtUtc: number;
}

export const DEFAULT_PLAN: WindowPlan = {
  firstDay: '2024-01-01',
  rowsPerDay: 2000,
  daysPerWindow: 10,
  seenAtUtc: Date.UTC(2026, 2, 1, 17),
};

/** One day's records as the client would produce them. */
export function dayRecords(day: string, count: number, plan: WindowPlan = DEFAULT_PLAN): IncomingRecord[] {
  const states = recordsForDay(SEED, day, count, BENCH_ZONE).map((r) => recordState(r, plan.seenAtUtc));
  const received = JSON.parse(JSON.stringify(states)) as Record<string, unknown>[];
  return received.map((item) => ({ fields: normaliseRecord(item), raw: JSON.stringify(item) }));
}

/** Windows of consecutive days until `rows` records were produced; `skipDays` starts later in the calendar. */
export function* windows(rows: number, plan: WindowPlan = DEFAULT_PLAN, skipDays = 0): Generator<IncomingRecord[]> {
  let left = rows;
  let day = addDays(plan.firstDay, skipDays);
  while (left > 0) {
    const batch: IncomingRecord[] = [];
    for (let d = 0; d < plan.daysPerWindow && left > 0; d++) {
      const n = Math.min(plan.rowsPerDay, left);
      for (const r of dayRecords(day, n, plan)) batch.push(r);
      left -= n;
      day = addDays(day, 1);
    }
    yield batch;
  }
}

/** Days the first `rows` rows cover, so later windows can start after them. */
export function daysFor(rows: number, plan: WindowPlan = DEFAULT_PLAN): number {
  return Math.ceil(rows / plan.rowsPerDay);
}
