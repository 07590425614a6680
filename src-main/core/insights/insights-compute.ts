/**
 * The Insights figures (insights-types.ts) of the selected rows of the columns, from two passes over
 * them (insights-passes.ts): counts per agent, typification and survey value; then per UTC quarter hour
 * × channel (placed on the zone's calendar here, insights-time.ts) and the handle times grouped by
 * agent, whose nearest-rank median and p90 are found by selection (linear on average), not by sorting.
 */
import { compareUtf8 } from '../store/collation';
import type { InteractionFilter } from '../store/filter';
import type { InsightsColumnsView } from './insights-dict';
import { placeRows, tallyRows, type Placed } from './insights-passes';
import type { InsightsScratch } from './insights-scratch';
import { DAY_MS, dayText, fillKeys, HOUR_MS, pad, QUARTER_MS, type LocalCalendar } from './insights-time';
import { HOURLY_SPAN_MS, TOP_TYPIFICATIONS, type AgentFigures, type Insights, type TypificationFigures, type VolumePoint } from './insights-types';


/** Numeric survey evaluation as the workbook's Summary reads it (SQL trim(), spaces only: "1".."5"), else 0. */
function numericEvaluation(value: string): number {
  const t = value.replace(/^ +| +$/g, '');
  return t.length === 1 && t >= '1' && t <= '5' ? Number(t) : 0;
}

export type Figures = Omit<Insights, 'zone' | 'audit'>;

export function computeFigures(cols: InsightsColumnsView, mask: Uint8Array, calendar: LocalCalendar, filter: InteractionFilter, audit: Insights['audit']['byAgent'], scratch: InsightsScratch): Figures {
  const evalValue = Float64Array.from(cols.evaluations.values, numericEvaluation);
  const nAgents = cols.agents.size;
  const tally = tallyRows(cols, mask, evalValue);
  const { total, qMin, qMax, agentRows, agentClosed, agentEvaluated, agentSum, typTotal, typClosed, evalCount } = tally;
  const placed = placeRows(cols, mask, evalValue, tally, scratch, (quarter) => calendar.quarterInOneHour(quarter));
  const { handles, start } = placed;
  const time = placeQuarters(placed, calendar, cols, evalValue);
  const span = filter.fromUtc !== undefined && filter.toUtc !== undefined ? filter.toUtc - filter.fromUtc : (qMax - qMin) * QUARTER_MS;

  const reviews = new Map(audit.map((r) => [r.agent, r]));
  const agents: AgentFigures[] = [];
  for (let a = 0; a < nAgents; a++) {
    const rows = agentRows[a]!;
    if (rows === 0) continue;
    const name = cols.agents.values[a]!;
    const [medianHandleMs, p90HandleMs] = percentiles(handles, start[a]!, start[a + 1]!);
    const r = reviews.get(name);
    agents.push({
      agent: name, interactions: rows, closed: agentClosed[a]!, shareClosed: agentClosed[a]! / rows, medianHandleMs, p90HandleMs,
      evaluated: agentEvaluated[a]!, averageEvaluation: agentEvaluated[a] ? agentSum[a]! / agentEvaluated[a]! : null,
      reviewed: r?.reviewed ?? 0, passed: r?.passed ?? 0, passRate: r?.passRate ?? null, averageScore: r?.averageScore ?? null,
    });
  }
  // Ties in the stores' text order (store/collation.ts), as the SQL computation sorts them.
  agents.sort((x, y) => y.interactions - x.interactions || compareUtf8(x.agent, y.agent));

  const typifications = byCode(cols, mask, typTotal, typClosed);
  const distribution = [];
  for (let e = 0; e < evalCount.length; e++) if (evalCount[e]! > 0) distribution.push({ value: cols.evaluations.values[e]!, count: evalCount[e]! });
  distribution.sort((x, y) => y.count - x.count || compareUtf8(x.value, y.value));

  return {
    total,
    volume: volumeOf(time, cols.channels.values, span <= HOURLY_SPAN_MS ? 'hour' : 'day', calendar),
    heatmap: time.heatmap,
    agents,
    typifications: { top: typifications.slice(0, TOP_TYPIFICATIONS), distinct: typifications.length },
    survey: { distribution, weekly: time.weekly(calendar) },
  };
}

/**
 * One entry per code, as the grid filters (by code): a bar counts exactly the rows its click shows. Its
 * description is the code's newest non-empty one in the selection (its current name if it was renamed),
 * the rule the typification facet applies to the code's rows (queries.ts); rows with no code have none.
 */
function byCode(cols: InsightsColumnsView, mask: Uint8Array, typTotal: Int32Array, typClosed: Int32Array): TypificationFigures[] {
  const pairs = cols.typifications;
  const codes = new Map<string, TypificationFigures>();
  /** Codes with a description somewhere in the selection, not yet named. */
  const unnamed = new Set<string>();
  for (let t = 0; t < typTotal.length; t++) {
    const n = typTotal[t]!;
    if (n === 0) continue;
    const code = pairs.firsts[t]!;
    let c = codes.get(code);
    if (!c) codes.set(code, (c = { code, description: '', total: 0, open: 0, closed: 0 }));
    c.total += n;
    c.closed += typClosed[t]!;
    c.open = c.total - c.closed;
    // Rows with no code share no typification: their descriptions name nothing.
    if (code !== '' && pairs.seconds[t] !== '') unnamed.add(code);
  }
  // Rows are in id order and ids in creation order: walk back from the newest until every code is named,
  // testing a byte per row (the pairs that would still name a code), not strings.
  const naming = new Uint8Array(pairs.size);
  for (let t = 0; t < pairs.size; t++) if (pairs.seconds[t] !== '' && unnamed.has(pairs.firsts[t]!)) naming[t] = 1;
  const typ = cols.code('typ');
  for (let i = cols.n - 1; i >= 0 && unnamed.size > 0; i--) {
    if (mask[i] === 0 || naming[typ[i]!] === 0) continue;
    const code = pairs.firsts[typ[i]!]!;
    codes.get(code)!.description = pairs.seconds[typ[i]!]!;
    unnamed.delete(code);
    for (const t of pairs.withFirst(code)) naming[t] = 0;
  }
  return [...codes.values()].sort((x, y) => y.total - x.total || compareUtf8(x.code, y.code));
}

/** Nearest-rank median and p90 of values[lo, hi): ranks ceil(n/2) and ceil(9n/10), in integers. */
function percentiles(values: Float64Array, lo: number, hi: number): [number | null, number | null] {
  const count = hi - lo;
  if (count === 0) return [null, null];
  const k90 = lo + Math.floor((9 * count + 9) / 10) - 1;
  const p90 = select(values, lo, hi - 1, k90);
  // After selecting k90, everything before it is no greater: the median is among those.
  const median = select(values, lo, k90, lo + ((count + 1) >> 1) - 1);
  return [median, p90];
}

/** Hoare selection: the k-th smallest of a[lo..hi], leaving smaller ones before k and larger after. */
function select(a: Float64Array, lo: number, hi: number, k: number): number {
  while (hi > lo) {
    const x = a[lo]!;
    const y = a[(lo + hi) >>> 1]!;
    const z = a[hi]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i++] = a[j]!;
        a[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}

/**
 * Quarter-hour cells placed on the local calendar: per local hour (day index × 24 + hour), weekday × hour,
 * week; then the rows of quarters that straddle local hours (placeRows' `odd`), one by one.
 */
function placeQuarters(q: Placed, calendar: LocalCalendar, cols: InsightsColumnsView, evalValue: Float64Array) {
  const hours = new Map<number, Int32Array>();
  const heatmap = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
  const weeks = new Map<number, { evaluated: number; sum: number }>();
  /** The local hour's counts per channel, its weekday × hour cell and its week, for a "local as UTC" instant. */
  const place = (local: number) => {
    const day = Math.floor(local / DAY_MS);
    const hourOfDay = Math.floor((local - day * DAY_MS) / HOUR_MS);
    const weekday = (((day + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday; Monday = 0
    let counts = hours.get(day * 24 + hourOfDay);
    if (!counts) hours.set(day * 24 + hourOfDay, (counts = new Int32Array(q.nChannels)));
    let week = weeks.get(day - weekday);
    if (!week) weeks.set(day - weekday, (week = { evaluated: 0, sum: 0 }));
    return { counts, row: heatmap[weekday]!, hourOfDay, week };
  };
  for (let s = 0; s < q.slots; s++) {
    let rows = 0;
    for (let c = 0; c < q.nChannels; c++) rows += q.cells[s * q.nChannels + c]!;
    if (rows === 0) continue;
    const at = place(calendar.localMs(q.quarter(s) * QUARTER_MS));
    for (let c = 0; c < q.nChannels; c++) at.counts[c]! += q.cells[s * q.nChannels + c]!;
    at.row[at.hourOfDay]! += rows;
    at.week.evaluated += q.slotEvaluated[s]!;
    at.week.sum += q.slotSum[s]!;
  }
  const created = cols.created;
  const channel = cols.code('channel');
  const evaluation = cols.code('evaluation');
  for (const i of q.odd) {
    const at = place(calendar.localMs(created[i]!));
    at.counts[channel[i]!]!++;
    at.row[at.hourOfDay]!++;
    const v = evalValue[evaluation[i]!]!;
    if (v > 0) {
      at.week.evaluated++;
      at.week.sum += v;
    }
  }
  const weekly = (cal: LocalCalendar) => weeklyOf(weeks, cal);
  return { hours, heatmap, weekly };
}

/** The survey's weekly figures from the evaluations per local week (keyed by the day number of its Monday). */
export function weeklyOf(weeks: ReadonlyMap<number, { evaluated: number; sum: number }>, cal: LocalCalendar): Insights['survey']['weekly'] {
  const byKey = new Map([...weeks].map(([d, w]) => [dayText(d * DAY_MS), w]));
  const keys = [...byKey.keys()].sort();
  if (keys.length === 0) return [];
  return fillKeys(keys, 'week').map((week) => {
    const w = byKey.get(week) ?? { evaluated: 0, sum: 0 };
    return { week, startUtc: cal.midnightUtc(week), endUtc: cal.midnightUtc(week, 7), evaluated: w.evaluated, averageEvaluation: w.evaluated ? w.sum / w.evaluated : null };
  });
}

/** The volume chart from the counts per local hour (day number × 24 + hour) and channel (indexes of `channelNames`). */
export function volumeOf(time: { hours: Map<number, Int32Array> }, channelNames: string[], unit: 'day' | 'hour', calendar: LocalCalendar): Insights['volume'] {
  if (time.hours.size === 0) return { unit: 'day', channels: [], points: [] };
  const totals = new Map<number, number>();
  const byKey = new Map<string, Int32Array>();
  for (const [hour, counts] of time.hours) {
    const day = Math.floor(hour / 24);
    const key = unit === 'hour' ? `${dayText(day * DAY_MS)} ${pad(hour - day * 24)}` : dayText(day * DAY_MS);
    let sum = byKey.get(key);
    if (!sum) byKey.set(key, (sum = new Int32Array(counts.length)));
    counts.forEach((v, c) => {
      sum![c]! += v;
      if (v) totals.set(c, (totals.get(c) ?? 0) + v);
    });
  }
  const order = [...totals.entries()].sort((a, b) => b[1] - a[1] || compareUtf8(channelNames[a[0]]!, channelNames[b[0]]!)).map(([c]) => c);
  const present = [...byKey.keys()].sort();
  const points: VolumePoint[] = fillKeys(present, unit).map((key) => {
    const all = byKey.get(key);
    const counts = order.map((c) => all?.[c] ?? 0);
    const startUtc = unit === 'hour' ? calendar.hourStartUtc(key) : calendar.midnightUtc(key);
    const endUtc = unit === 'hour' ? startUtc + HOUR_MS : calendar.midnightUtc(key, 1);
    return { key, startUtc, endUtc, counts, total: counts.reduce((a, b) => a + b, 0) };
  });
  return { unit, channels: order.map((c) => channelNames[c]!), points };
}
