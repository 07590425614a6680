import { parseWallClock, type WallClock } from '../core/time/zone';
import { apiError, type Reply } from './responses';

/** The parameters of a chat_4 call, checked the way the service checks them. */
export interface ReportQuery {
  /** As sent: `YYYYmmddHHiiss`, wall clock of the operation's zone, both ends inclusive. */
  dateIni: string;
  dateEnd: string;
  ini: WallClock;
  end: WallClock;
}

export type ParsedQuery = { ok: true; query: ReportQuery } | { ok: false; reply: Reply };

const STAMP_RE = /^\d{14}$/;
const MAX_RANGE_MS = 31 * 86_400_000;

/** Wall clock as if it were UTC: range length is a matter of calendar, not of the zone's offsets. */
function naiveMs(wc: WallClock): number {
  return Date.UTC(wc.year, wc.month - 1, wc.day, wc.hour, wc.minute, wc.second);
}

function stampOf(value: string | null): WallClock | null {
  return value !== null && STAMP_RE.test(value) ? parseWallClock(value) : null;
}

export function parseReportQuery(params: URLSearchParams, report: string): ParsedQuery {
  const api = params.get('api');
  if (!api) return { ok: false, reply: apiError('bad-params') };
  if (api !== report) return { ok: false, reply: apiError('unknown-api') };
  const dateIni = params.get('date_ini');
  const dateEnd = params.get('date_end');
  const ini = stampOf(dateIni);
  const end = stampOf(dateEnd);
  if (!ini || !end || dateIni === null || dateEnd === null) return { ok: false, reply: apiError('bad-params') };
  const span = naiveMs(end) - naiveMs(ini);
  if (span < 0) return { ok: false, reply: apiError('range-backwards') };
  // Exactly 31 days (e.g. Jan 1 00:00:00 to Feb 1 00:00:00) is allowed; one second more is not.
  if (span > MAX_RANGE_MS) return { ok: false, reply: apiError('range-too-long') };
  return { ok: true, query: { dateIni, dateEnd, ini, end } };
}
