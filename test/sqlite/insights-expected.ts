/**
 * What the Insights figures should be, computed apart from the store's code: the selection is the
 * rows the grid's own query returns (iterateRows, materialised into a temp table), every aggregate is
 * SQL of its own (percentiles by window functions, attribute scores through json_each), and local
 * times come from Intl one row at a time (not the store's quarter-hour buckets).
 */
import type { Db } from '../../src-main/core/store/sqlite/connection/database';
import type { InteractionFilter } from '../../src-main/core/store/sqlite/reads/filters';
import { iterateRows } from '../../src-main/core/store/sqlite/reads/queries';

export function materialise(db: Db, filter: InteractionFilter): void {
  db.exec('DROP TABLE IF EXISTS temp.sel; CREATE TEMP TABLE sel (uid TEXT PRIMARY KEY)');
  const insert = db.prepare('INSERT INTO temp.sel (uid) VALUES (?)');
  for (const row of iterateRows(db, filter)) insert.run(row.uid);
}

const SEL = 'FROM interactions i JOIN temp.sel s ON s.uid = i.uid';
const EVAL = `CASE WHEN trim(i.evaluation_survey) IN ('1','2','3','4','5') THEN CAST(trim(i.evaluation_survey) AS INTEGER) END`;

/**
 * A UTC instant's local day, hour, weekday and week in a zone, from Intl. The product's rule for instants
 * outside 1970–2100 (a mistyped year): they are read with the offset at the nearer end of that span, as
 * the heatmap cell's filter reads them (time/transitions.ts OFFSET_SPAN).
 */
export function local(zone: string) {
  const f = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const FROM = Date.UTC(1970, 0, 1);
  const TO = Date.UTC(2100, 0, 1);
  const pad = (n: number) => String(n).padStart(2, '0');
  return (utc: number) => {
    const at = Math.min(Math.max(utc, FROM), TO);
    const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, Number(x.value)]));
    const offset = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - Math.floor(at / 1000) * 1000;
    const l = new Date(utc + offset);
    const day = `${String(l.getUTCFullYear()).padStart(4, '0')}-${pad(l.getUTCMonth() + 1)}-${pad(l.getUTCDate())}`;
    const weekday = (l.getUTCDay() + 6) % 7;
    const monday = new Date(Date.UTC(l.getUTCFullYear(), l.getUTCMonth(), l.getUTCDate() - weekday)).toISOString().slice(0, 10);
    return { day, hour: `${day} ${pad(l.getUTCHours())}`, hourOfDay: l.getUTCHours(), weekday, week: monday };
  };
}

export function expectedTime(db: Db, zone: string, unit: 'day' | 'hour') {
  const at = local(zone);
  const rows = db.prepare(`SELECT i.created_utc AS t, i.channel AS channel, ${EVAL} AS e ${SEL} WHERE i.created_utc IS NOT NULL`).all() as {
    t: number;
    channel: string;
    e: number | null;
  }[];
  const volume = new Map<string, number>();
  const heatmap = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
  const weekly = new Map<string, { n: number; sum: number }>();
  for (const r of rows) {
    const l = at(r.t);
    const key = `${unit === 'hour' ? l.hour : l.day}|${r.channel}`;
    volume.set(key, (volume.get(key) ?? 0) + 1);
    heatmap[l.weekday]![l.hourOfDay]! += 1;
    const w = weekly.get(l.week) ?? { n: 0, sum: 0 };
    if (r.e !== null) {
      w.n += 1;
      w.sum += r.e;
    }
    weekly.set(l.week, w);
  }
  return { volume, heatmap, weekly };
}

export function expectedAgents(db: Db) {
  const base = db
    .prepare(`SELECT i.agent_name AS agent, count(*) AS interactions, count(i.closed_utc) AS closed, count(${EVAL}) AS evaluated, avg(${EVAL}) AS avgEval
      ${SEL} GROUP BY i.agent_name`)
    .all() as { agent: string; interactions: number; closed: number; evaluated: number; avgEval: number | null }[];
  const pct = db
    .prepare(`WITH h AS (SELECT i.agent_name AS agent, i.closed_utc - i.created_utc AS handle,
        row_number() OVER (PARTITION BY i.agent_name ORDER BY i.closed_utc - i.created_utc) AS rn,
        count(*) OVER (PARTITION BY i.agent_name) AS n ${SEL} WHERE i.closed_utc IS NOT NULL AND i.created_utc IS NOT NULL)
      -- nearest rank: ceil(n/2) and ceil(9n/10) in integer arithmetic
      SELECT agent, max(CASE WHEN rn = (n + 1) / 2 THEN handle END) AS median,
        max(CASE WHEN rn = (9 * n + 9) / 10 THEN handle END) AS p90 FROM h GROUP BY agent`)
    .all() as { agent: string; median: number; p90: number }[];
  return { base, pct: new Map(pct.map((p) => [p.agent, p])) };
}

/** One row per code (as the grid filters), described by its newest non-empty description in the selection (none for no code). */
export function expectedTypifications(db: Db) {
  return db
    .prepare(`WITH rows AS (SELECT i.id AS id, i.cod_act AS code, i.cod_description AS description, i.closed_utc AS closed ${SEL})
      SELECT r.code AS code, coalesce((SELECT n.description FROM rows n WHERE n.code = r.code AND n.code <> '' AND n.description <> '' ORDER BY n.id DESC LIMIT 1), '') AS description,
        count(*) AS total, count(r.closed) AS closed, count(*) - count(r.closed) AS open FROM rows r GROUP BY r.code ORDER BY total DESC, code`)
    .all() as { code: string; description: string; total: number; open: number; closed: number }[];
}

export function expectedDistribution(db: Db) {
  return db.prepare(`SELECT i.evaluation_survey AS value, count(*) AS count ${SEL} GROUP BY 1 ORDER BY count DESC, value`).all() as {
    value: string;
    count: number;
  }[];
}

/** One row per (review, attribute of its scorecard version) with a valid score, 0..100. */
const SCORED = `WITH scored AS (
  SELECT r.interaction_uid AS uid, i.agent_name AS agent, i.created_utc AS t, r.status AS status, r.overall_score AS overall,
    a.value ->> '$.key' AS key, a.value ->> '$.critical' AS critical, s2.seq AS seq, a.value ->> '$.name' AS name,
    CASE WHEN a.value ->> '$.scale' = 'yes-no' THEN
           CASE json_type(r.scores, '$."' || (a.value ->> '$.key') || '"') WHEN 'true' THEN 100.0 WHEN 'false' THEN 0.0 END
         WHEN json_type(r.scores, '$."' || (a.value ->> '$.key') || '"') = 'integer'
           AND (r.scores ->> ('$."' || (a.value ->> '$.key') || '"')) BETWEEN 1 AND 5
         THEN ((r.scores ->> ('$."' || (a.value ->> '$.key') || '"')) - 1) * 25.0 END AS score
  ${SEL} JOIN reviews r ON r.interaction_uid = i.uid
  JOIN scorecards s2 ON s2.id = r.scorecard_id AND s2.version = r.scorecard_version, json_each(s2.attributes) a)`;

export function expectedAttributes(db: Db) {
  return db
    .prepare(`${SCORED} SELECT key, count(*) AS scored, count(CASE WHEN score = 0 THEN 1 END) AS failed, avg(score) AS avgScore,
      count(CASE WHEN score = 0 AND critical THEN 1 END) AS criticalFailures FROM scored WHERE score IS NOT NULL GROUP BY key ORDER BY key`)
    .all() as { key: string; scored: number; failed: number; avgScore: number; criticalFailures: number }[];
}

/** Reviews of the selection, each with whether a critical attribute failed: the audit's totals, by agent and by week. */
export function expectedReviews(db: Db) {
  return db
    .prepare(`${SCORED}, crit AS (SELECT uid, max(CASE WHEN score = 0 AND critical THEN 1 ELSE 0 END) AS c FROM scored GROUP BY uid)
      SELECT r.interaction_uid AS uid, i.agent_name AS agent, i.created_utc AS t, r.status AS status, r.overall_score AS overall,
      coalesce(crit.c, 0) AS critical, r.override_status IS NOT NULL AS overridden ${SEL} JOIN reviews r ON r.interaction_uid = i.uid LEFT JOIN crit ON crit.uid = r.interaction_uid`)
    .all() as { uid: string; agent: string; t: number | null; status: string; overall: number | null; critical: 0 | 1; overridden: 0 | 1 }[];
}

export function auditOf(rows: readonly { status: string; overall: number | null; critical: 0 | 1; overridden: 0 | 1 }[]) {
  const passed = rows.filter((r) => r.status === 'pass').length;
  const failed = rows.filter((r) => r.status === 'fail').length;
  const scores = rows.filter((r) => r.overall !== null).map((r) => r.overall!);
  return {
    reviewed: passed + failed,
    passed,
    failed,
    passRate: passed + failed ? passed / (passed + failed) : null,
    averageScore: scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null,
    criticalFailures: rows.filter((r) => r.critical).length,
    overridden: rows.filter((r) => r.overridden && (r.status === 'pass' || r.status === 'fail')).length,
  };
}
