/**
 * A range of days as typed in a pair of date fields (`YYYY-MM-DD`, either side may be empty). While a year
 * is being typed, Chromium's field already reports 0002, 0020, 0202: those are not dates anyone means (the
 * service refuses years before 2000), so they wait rather than filter. A first day after the last is refused
 * where it is typed, with a message, instead of silently matching nothing.
 */
export type DayRangeCheck = 'ok' | 'incomplete' | 'backwards';

const DAY = /^(\d{4})-\d{2}-\d{2}$/;

function complete(day: string): boolean {
  const m = DAY.exec(day);
  return m !== null && Number(m[1]) >= 2000;
}

export function checkDayRange(from: string, to: string): DayRangeCheck {
  if ((from && !complete(from)) || (to && !complete(to))) return 'incomplete';
  // ISO days order as text.
  if (from && to && from > to) return 'backwards';
  return 'ok';
}
