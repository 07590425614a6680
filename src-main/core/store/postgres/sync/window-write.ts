/**
 * Writes one API answer into the team cache, inside the window's transaction (run-log.ts seals it with the
 * checkpoint and the call's log line): new interactions are inserted with date-ordered ids, changed ones
 * updated in place with their previous values kept in interaction_history, unchanged ones (same content
 * hash) left alone. Set-based, a part of the window at a time (PART_ROWS): one lookup of the part's uids,
 * its new rows by COPY, encoded (search words included) as they are sent; the changed rows of the whole
 * window in one UPDATE and one history INSERT at the end.
 *
 * The transaction first takes the change counter's row lock (schema-v1.ts): every writer of interactions
 * takes it, so the uid lookup and the id slots read here stay true until this COMMIT, as SQLite's write
 * lock keeps them. The rows written carry the next change number, taken in the same transaction.
 */
import { API_FIELDS, type Chat4Record, type IncomingRecord } from '../../../wolkvox/fields';
import type { UpsertCounts } from '../../../sync/sync-store';
import { canonicalRaw } from '../../identity';
import { COLUMN_OF, FIELD_COLUMNS } from '../../sql/columns';
import { createPreparer, type PreparedRecord } from '../../sql/prepare';
import { secondOf } from '../../sql/row-ids';
import type { SqlClient } from '../sql-client';
import { searchVectorOf } from '../search';
import { decodeNullable, decodeText, encodeNullable, encodeText } from '../text-codec';
import { createIdSlots, type IdSlots } from './id-slots';
import { copyLines, nextTurn } from './copy-lines';
import type { WindowClient } from './window-transaction';

export interface WindowRows {
  server: string;
  zone: string;
  now: number;
  /** The answer's records, in answer order. */
  records: readonly IncomingRecord[];
}

/** A record as the preparer read it. */
interface Candidate {
  p: PreparedRecord;
  record: IncomingRecord;
}

interface Found {
  uid: string;
  id: number;
  content_hash: string;
}

type StoredRow = { id: number; created_utc: number | null; content_hash: string; raw: string | null } & Record<string, string | number | null>;

const FIELD_PARAMS = (from: number) => FIELD_COLUMNS.map((_, i) => `$${from + i}::text[]`).join(', ');
const FIELD_ALIASES = FIELD_COLUMNS.map((c) => `f_${c}`);

const COPY_SQL = `COPY interactions (id, uid, server, zone, created_utc, closed_utc, content_hash, first_synced_at, updated_at, ${FIELD_COLUMNS.join(', ')}, raw, change_seq, search) FROM STDIN`;

/** $1 old ids, $2 new ids, $3 created, $4 closed, $5 hashes, $6..$22 fields, $23 raw, $24 search vectors; $25 server, $26 zone, $27 now, $28 stamp. */
const UPDATE_SQL = `UPDATE interactions AS i SET id = u.id, server = $25, zone = $26, created_utc = u.created, closed_utc = u.closed, content_hash = u.hash,
  updated_at = $27, ${FIELD_COLUMNS.map((c) => `${c} = u.f_${c}`).join(', ')}, raw = u.raw, change_seq = $28, search = u.vector::tsvector
  FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[], $5::text[], ${FIELD_PARAMS(6)}, $23::text[], $24::text[])
    AS u(old_id, id, created, closed, hash, ${FIELD_ALIASES.join(', ')}, raw, vector)
  WHERE i.id = u.old_id`;

const HISTORY_SQL = `INSERT INTO interaction_history (interaction_id, changed_at, changed_fields, old_fields, old_raw, old_content_hash)
  SELECT t.id, $6, t.changed, t.fields, t.raw, t.hash FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[]) AS t(id, changed, fields, raw, hash)`;

/**
 * Rows prepared, looked up and sent per part of the window: the server writes one part's rows (COPY) while
 * this process prepares the next, and looks that one up once the server is done with the previous.
 */
const PART_ROWS = 2000;
/** Records prepared between two turns of the event loop (which sends the rows written meanwhile). */
const PREPARE_SLICE = 250;

/** Writes the rows; returns the answer's counts. */
export async function writeWindowRows(tx: WindowClient, w: WindowRows): Promise<UpsertCounts> {
  await tx.query('SELECT seq FROM change_counter WHERE one = 1 FOR UPDATE');
  const prepare = createPreparer(w.zone);
  const slots = createIdSlots(tx);
  const shared = { server: encodeText(w.server), zone: encodeText(w.zone), now: w.now, stamp: 0 };
  let stamped = false;
  // Taken at the first row written, under the lock: one number for the whole window.
  const stamp = async () => {
    if (!stamped) shared.stamp = (await tx.query<{ seq: number }>('UPDATE change_counter SET seq = seq + 1 RETURNING seq'))[0]!.seq;
    stamped = true;
    return shared.stamp;
  };
  const changed: (Candidate & { oldId: number })[] = [];
  let inserted = 0;
  let unchanged = 0;
  let copying: Promise<void> = Promise.resolve();
  try {
    for (let from = 0; from < w.records.length; from += PART_ROWS) {
      const part: Candidate[] = [];
      for (let at = from; at < Math.min(from + PART_ROWS, w.records.length); at += PREPARE_SLICE) {
        if (at > from) await nextTurn();
        const records = w.records.slice(at, Math.min(at + PREPARE_SLICE, from + PART_ROWS));
        prepare(records).forEach((p, i) => part.push({ p, record: records[i]! }));
      }
      await copying;
      const found = await lookUp(tx, part);
      const fresh: Candidate[] = [];
      for (const c of part) {
        const old = found.get(c.p.uid);
        if (!old) fresh.push(c);
        else if (decodeText(old.content_hash) === c.p.hash) unchanged++;
        else changed.push({ ...c, oldId: old.id });
      }
      if (fresh.length === 0) continue;
      await stamp();
      const ids = await slots.allocate(fresh.map((c) => c.p.createdUtc));
      const copy = tx.openCopy(COPY_SQL);
      try {
        await copyLines(fresh.map((c, i) => ({ ...c, id: ids[i]! })), shared, (chunk) => copy.write(chunk));
      } finally {
        // Not awaited: the server writes these rows while the next part is prepared.
        copying = copy.end();
      }
      inserted += fresh.length;
    }
  } finally {
    // Whatever happened, the COPY under way ends before the transaction goes on (or rolls back).
    await copying.catch(() => undefined);
  }
  await copying;
  if (changed.length > 0) await updateChanged(tx, w, changed, slots, await stamp(), shared);
  return { inserted, updated: changed.length, unchanged };
}

async function lookUp(tx: SqlClient, part: readonly Candidate[]): Promise<Map<string, Found>> {
  const found = new Map<string, Found>();
  if (part.length === 0) return found;
  const rows = await tx.query<Found>('SELECT uid, id, content_hash FROM interactions WHERE uid = ANY($1::text[])', [part.map((c) => encodeText(c.p.uid))]);
  for (const row of rows) found.set(decodeText(row.uid), row);
  return found;
}

/** Changed rows: updated in place (a moved creation second moves the id), their old values kept in history. */
async function updateChanged(tx: SqlClient, w: WindowRows, changed: readonly (Candidate & { oldId: number })[], slots: IdSlots, stamp: number, shared: { server: string; zone: string }) {
  const stored = await storedRows(tx, changed.map((c) => c.oldId));
  // A new zone can move the creation second; the id must follow it to stay date-ordered.
  const moving = changed.flatMap((c, i) => (secondOf(c.p.createdUtc) !== secondOf(stored[i]!.created_utc) ? [i] : []));
  const movedIds = await slots.allocate(moving.map((i) => changed[i]!.p.createdUtc));
  const newIds = changed.map((c) => c.oldId);
  moving.forEach((i, k) => (newIds[i] = movedIds[k]!));
  await tx.query(UPDATE_SQL, [changed.map((c) => c.oldId), ...columnsOf(changed, newIds), shared.server, shared.zone, w.now, stamp]);
  const history = changed.map((c, i) => historyOf(stored[i]!, c.p.values));
  await tx.query(HISTORY_SQL, [newIds, ...(['changed', 'fields', 'raw', 'hash'] as const).map((k) => history.map((h) => encodeText(h[k]))), w.now]);
  // The old id is gone for readers that keep rows by id (no DELETE ran, so no trigger logged it).
  if (moving.length > 0) await tx.query('INSERT INTO interaction_removals (id) SELECT unnest($1::bigint[])', [moving.map((i) => changed[i]!.oldId)]);
}

/** The column arrays of UPDATE_SQL after the old ids: the new ids, then the rest. */
function columnsOf(rows: readonly Candidate[], newIds: readonly number[]): unknown[] {
  return [
    newIds,
    rows.map((c) => c.p.createdUtc),
    rows.map((c) => c.p.closedUtc),
    rows.map((c) => encodeText(c.p.hash)),
    ...API_FIELDS.map((_, f) => rows.map((c) => encodeText(c.p.values[f]!))),
    rows.map((c) => encodeNullable(c.p.raw)),
    rows.map((c) => searchVectorOf(c.record.fields)),
  ];
}

/** The stored rows of these ids, in the same order. */
async function storedRows(tx: SqlClient, ids: readonly number[]): Promise<StoredRow[]> {
  const rows = await tx.query<StoredRow>(`SELECT id, created_utc, content_hash, raw, ${FIELD_COLUMNS.join(', ')} FROM interactions WHERE id = ANY($1::bigint[])`, [ids]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)!);
}

/** What interaction_history keeps of a row a re-sync changes, and which fields changed. */
function historyOf(old: StoredRow, values: readonly string[]): { changed: string; fields: string; raw: string; hash: string } {
  const before = {} as Chat4Record;
  for (const field of API_FIELDS) before[field] = decodeText(String(old[COLUMN_OF[field]] ?? ''));
  const changed: string[] = API_FIELDS.filter((field, i) => before[field] !== values[i]);
  // Only the raw record changed (an undocumented extra field): say so rather than list nothing.
  if (changed.length === 0) changed.push('raw');
  return { changed: JSON.stringify(changed), fields: JSON.stringify(before), raw: decodeNullable(old.raw) ?? canonicalRaw(before), hash: decodeText(old.content_hash) };
}
