import type { ZoneConverter } from '../time/zone';
import { estimateCalls, planWindows } from './windows';

export interface SyncPlan {
  startUtc: number;
  endUtc: number;
  windows: number;
  estimatedCalls: number;
}

/** What a sync of [startUtc, endUtc) will cost, shown to the user before it runs. */
export function planSync(startUtc: number, endUtc: number, zone: ZoneConverter, rowsPerDay: number | null): SyncPlan {
  const windows = planWindows(startUtc, endUtc, zone);
  return { startUtc, endUtc, windows: windows.length, estimatedCalls: estimateCalls(windows, rowsPerDay) };
}
