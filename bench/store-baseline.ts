/**
 * The naive versions the store benchmark compares against, measured in the same run:
 * - ingest with an external-content FTS table kept by triggers, and INSERT OR REPLACE per row;
 * - search as "MATCH, then ORDER BY created_utc" (every hit is fetched and sorted);
 * - deep pages with LIMIT/OFFSET (every skipped row is walked).
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { ZoneConverter } from '../src-main/core/time/zone';
import type { IncomingRecord } from '../src-main/core/wolkvox/fields';
import type { Db } from '../src-main/core/store/sqlite/connection/database';
import { BENCH_ZONE } from './store-data';

const NAIVE_SCHEMA = `
CREATE TABLE interactions (
  id INTEGER PRIMARY KEY AUTOINCREMENT, uid TEXT UNIQUE, created_utc INTEGER, closed_utc INTEGER,
  channel TEXT, agent_name TEXT, skill_id TEXT, case_id TEXT, subject TEXT, from_addr TEXT, to_addr TEXT, body TEXT, answer TEXT,
  date_creation TEXT, close_date TEXT, evaluation_survey TEXT, cod_act TEXT, cod_description TEXT, comments TEXT, attachments TEXT,
  status TEXT, raw TEXT);
CREATE INDEX naive_created ON interactions(created_utc);
CREATE VIRTUAL TABLE interactions_fts USING fts5(subject, body, answer, comments, from_addr, to_addr, agent_name, cod_description,
  content='interactions', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER naive_ai AFTER INSERT ON interactions BEGIN
  INSERT INTO interactions_fts(rowid, subject, body, answer, comments, from_addr, to_addr, agent_name, cod_description)
  VALUES (new.id, new.subject, new.body, new.answer, new.comments, new.from_addr, new.to_addr, new.agent_name, new.cod_description);
END;
CREATE TRIGGER naive_ad AFTER DELETE ON interactions BEGIN
  INSERT INTO interactions_fts(interactions_fts, rowid, subject, body, answer, comments, from_addr, to_addr, agent_name, cod_description)
  VALUES ('delete', old.id, old.subject, old.body, old.answer, old.comments, old.from_addr, old.to_addr, old.agent_name, old.cod_description);
END;`;

/** Rows per second of the naive ingest over these windows (one transaction per window). */
export function naiveIngest(path: string, windows: Iterable<IncomingRecord[]>): { rows: number; ms: number; cpuUs: number } {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(NAIVE_SCHEMA);
  const zone = new ZoneConverter(BENCH_ZONE);
  const insert = db.prepare(`INSERT OR REPLACE INTO interactions (uid, created_utc, closed_utc, channel, agent_name, skill_id, case_id, subject,
    from_addr, to_addr, body, answer, date_creation, close_date, evaluation_survey, cod_act, cod_description, comments, attachments, status, raw)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const write = db.transaction((records: IncomingRecord[]) => {
    for (const { fields: f, raw } of records) {
      const uid = createHash('sha1').update(`${f.case_id}|${f.channel}|${f.date_creation}|${f.from}|${f.body}`).digest('hex');
      insert.run(uid, zone.parseToUtc(f.date_creation), zone.parseToUtc(f.close_date), f.channel, f.agent_name, f.skill_id, f.case_id, f.subject,
        f.from, f.to, f.body, f.answer, f.date_creation, f.close_date, f.evaluation_survey, f.cod_act, f.cod_description, f.comments, f.attachments, f.status, raw);
    }
  });
  let rows = 0;
  let ms = 0;
  let cpuUs = 0;
  for (const w of windows) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    write(w);
    const c = process.cpuUsage(c0);
    cpuUs += c.user + c.system;
    ms += performance.now() - t0;
    rows += w.length;
  }
  db.close();
  return { rows, ms, cpuUs };
}

/** "Newest 100 hits" the naive way: every hit is fetched, then sorted by date. */
export function naiveSearch(db: Db, ftsQuery: string): number {
  return db
    .prepare('SELECT id FROM interactions WHERE id IN (SELECT rowid FROM interactions_fts WHERE interactions_fts MATCH ?) ORDER BY created_utc DESC LIMIT 100')
    .all(ftsQuery).length;
}

/** A page at a depth the naive way: the same ORDER BY, walked from the start with OFFSET. */
export function naivePage(db: Db, sql: string, params: unknown[], depth: number): number {
  return db.prepare(`${sql} LIMIT 100 OFFSET ?`).all(...params, depth).length;
}
