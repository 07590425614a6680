import { parseDateRange } from '../time/date-input';
import { presetDays } from '../time/date-presets';
import type { ZoneConverter } from '../time/zone';
import type { SyncRange } from '../api/schemas';
import type { SyncSpan } from '../sync/sync-engine';

/** A range as the UI names it, in the operation's wall clock, as instants for the sync engine. */
export function resolveRangeChoice(choice: SyncRange, zone: ZoneConverter, now: number): SyncSpan {
  if ('incremental' in choice) return { kind: 'incremental' };
  if ('from' in choice) return { kind: 'range', ...parseDateRange(choice.from, choice.to, zone) };
  // A sync cannot ask for what has not happened yet: the range stops at now.
  const days = presetDays(choice.preset, zone, now);
  return { kind: 'range', startUtc: days.startUtc, endUtc: Math.min(days.endUtc, now) };
}
