/**
 * Writes one API answer into the cache: new interactions are inserted, changed ones updated in place
 * (their previous values kept in interaction_history), unchanged ones skipped after one index lookup.
 * The full-text index is kept current here, in the same transaction, rather than by triggers: this
 * path is what makes ingest fast enough (see bench/store.ts).
 */
import { ZoneConverter } from '../time/zone';
import { API_FIELDS, type IncomingRecord } from '../wolkvox/fields';
import type { UpsertCounts } from '../sync/sync-store';
import { COLUMN_OF, FIELD_COLUMNS, FTS_FIELDS } from './columns';
import type { Db } from './database';
import { createIdAllocator, secondOf } from './ids';
import { canonicalRaw, contentHashOf, uidsOf } from './identity';
import { recordHistory, type StoredRow } from './history-write';

export type { UpsertCounts } from '../sync/sync-store';

export interface UpsertContext {
  /** The operation's server id the records came from. */
  server: string;
  /** The profile's time zone, used to turn the API's local dates into UTC instants. */
  zone: string;
  now: number;
}

export type Upserter = (records: readonly IncomingRecord[], ctx: UpsertContext) => UpsertCounts;

const FTS_COLUMNS = FTS_FIELDS.map((f) => COLUMN_OF[f]).join(', ');
const ROW_COLUMNS = ['id', 'uid', 'server', 'zone', 'created_utc', 'closed_utc', 'content_hash', 'first_synced_at', 'updated_at', ...FIELD_COLUMNS, 'raw'];
const UPDATE_COLUMNS = ROW_COLUMNS.filter((c) => c !== 'uid' && c !== 'first_synced_at');
const FTS_SET = new Set<string>(FTS_FIELDS);

interface Prepared {
  record: IncomingRecord;
  uid: string;
  hash: string;
  /** NULL when the raw record is the canonical JSON of its fields (rebuilt on reading). */
  raw: string | null;
  createdUtc: number | null;
  closedUtc: number | null;
}

/** Prepares the statements once; the returned function may be called for many answers. */
export function createUpserter(db: Db): Upserter {
  const byUid = db.prepare('SELECT id, content_hash FROM interactions WHERE uid = ?').raw();
  // DO NOTHING on a uid clash: on a fresh period we insert without looking first, and fall back to
  // the lookup path for the rare record that already exists (e.g. after the profile's zone changed).
  const insertRow = db.prepare(
    `INSERT INTO interactions (${ROW_COLUMNS.join(', ')}) VALUES (${ROW_COLUMNS.map(() => '?').join(', ')}) ON CONFLICT (uid) DO NOTHING`,
  );
  const stored = db.prepare(`SELECT id, content_hash, created_utc, raw, ${FIELD_COLUMNS.join(', ')} FROM interactions WHERE id = ?`);
  const updateRow = db.prepare(`UPDATE interactions SET ${UPDATE_COLUMNS.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`);
  const deleteFts = db.prepare('DELETE FROM interactions_fts WHERE rowid = ?');
  // The index is fed from the rows just written, in one statement and in rowid order: no second copy
  // of the text crosses from JavaScript, and FTS5 appends to its pending terms without flushing early.
  const indexRows = db.prepare(
    `INSERT INTO interactions_fts (rowid, ${FTS_COLUMNS}) SELECT id, ${FTS_COLUMNS} FROM interactions WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`,
  );
  const writeHistory = recordHistory(db);
  // Zone converters cache offsets; one per zone for the life of the upserter keeps that cache warm.
  const zones = new Map<string, ZoneConverter>();

  const run = db.transaction((records: readonly IncomingRecord[], ctx: UpsertContext): UpsertCounts => {
    let zone = zones.get(ctx.zone);
    if (!zone) zones.set(ctx.zone, (zone = new ZoneConverter(ctx.zone)));
    const uids = uidsOf(records);
    const items: Prepared[] = records.map((record, i) => {
      const canonical = canonicalRaw(record.fields);
      return {
        record,
        uid: uids[i]!,
        hash: contentHashOf(record, canonical),
        raw: record.raw === canonical ? null : record.raw,
        createdUtc: zone.parseToUtc(record.fields.date_creation),
        closedUtc: zone.parseToUtc(record.fields.close_date),
      };
    });
    const ids = createIdAllocator(db, items.map((p) => secondOf(p.createdUtc)));
    const toIndex: number[] = [];
    const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
    const insert = (p: Prepared): boolean => {
      const id = ids.allocate(p.createdUtc);
      const row: unknown[] = [id, p.uid, ctx.server, ctx.zone, p.createdUtc, p.closedUtc, p.hash, ctx.now, ctx.now];
      for (const field of API_FIELDS) row.push(p.record.fields[field] ?? '');
      row.push(p.raw);
      if (insertRow.run(row).changes === 0) return false;
      toIndex.push(id);
      counts.inserted++;
      return true;
    };

    for (const p of items) {
      if (ids.isFreshSecond(secondOf(p.createdUtc)) && insert(p)) continue;
      const found = byUid.get(p.uid) as [number, string] | undefined;
      if (!found) {
        insert(p);
        continue;
      }
      if (found[1] === p.hash) {
        counts.unchanged++;
        continue;
      }
      const old = stored.get(found[0]) as StoredRow;
      const changed = writeHistory(old, p.record, ctx.now);
      // A new zone can move the creation second; the id must follow it to stay date-ordered.
      const id = secondOf(p.createdUtc) === secondOf(old.created_utc) ? old.id : ids.allocate(p.createdUtc);
      const row: unknown[] = [id, ctx.server, ctx.zone, p.createdUtc, p.closedUtc, p.hash, ctx.now];
      for (const field of API_FIELDS) row.push(p.record.fields[field] ?? '');
      row.push(p.raw, old.id);
      updateRow.run(row);
      if (id !== old.id || changed.some((field) => FTS_SET.has(field))) {
        deleteFts.run(old.id);
        toIndex.push(id);
      }
      counts.updated++;
    }
    if (toIndex.length > 0) indexRows.run(JSON.stringify(toIndex));
    return counts;
  });

  return (records, ctx) => run(records, ctx);
}

/** One answer in one transaction. Prefer `createUpserter` when writing many answers on one connection. */
export function upsertBatch(db: Db, records: readonly IncomingRecord[], ctx: UpsertContext): UpsertCounts {
  return createUpserter(db)(records, ctx);
}
