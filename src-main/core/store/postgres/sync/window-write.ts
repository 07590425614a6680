/**
 * Writes one API answer into the team cache, inside the window's transaction (run-log.ts seals it with the
 * checkpoint and the call's log line): new interactions are inserted with date-ordered ids, changed ones
 * updated in place with their previous values kept in interaction_history, unchanged ones (same content
 * hash) left alone. Set-based: one lookup of the answer's uids, one statement per kind of write, whatever
 * the number of rows.
 *
 * The transaction first takes the change counter's row lock (schema-v1.ts): every writer of interactions
 * takes it, so the uid lookup and the id slots read here stay true until this COMMIT, as SQLite's write
 * lock keeps them. The rows written carry the next change number, taken in the same transaction.
 */
import { API_FIELDS, type Chat4Record } from '../../../wolkvox/fields';
import type { UpsertCounts } from '../../../sync/sync-store';
import { canonicalRaw } from '../../identity';
import { COLUMN_OF, FIELD_COLUMNS } from '../../sql/columns';
import type { PreparedRecord } from '../../sql/prepare';
import { secondOf } from '../../sql/row-ids';
import type { SqlClient } from '../sql-client';
import { decodeNullable, decodeText, encodeNullable, encodeText } from '../text-codec';
import { allocateIds } from './id-slots';

export interface WindowRows {
  server: string;
  zone: string;
  now: number;
  /** The answer's records as the preparer read them, with each one's tsvector literal (search.ts), in answer order. */
  prepared: readonly PreparedRecord[];
  vectors: readonly string[];
}

interface Found {
  uid: string;
  id: number;
  content_hash: string;
}

type StoredRow = { id: number; created_utc: number | null; content_hash: string; raw: string | null } & Record<string, string | number | null>;

const FIELD_PARAMS = (from: number) => FIELD_COLUMNS.map((_, i) => `$${from + i}::text[]`).join(', ');
const FIELD_ALIASES = FIELD_COLUMNS.map((c) => `f_${c}`);

/** $1 ids, $2 uids, $3 created, $4 closed, $5 hashes, $6..$22 fields, $23 raw, $24 vectors; $25 server, $26 zone, $27 now, $28 stamp. */
const INSERT_SQL = `INSERT INTO interactions (id, uid, server, zone, created_utc, closed_utc, content_hash, first_synced_at, updated_at, ${FIELD_COLUMNS.join(', ')}, raw, change_seq, search)
  SELECT t.id, t.uid, $25, $26, t.created, t.closed, t.hash, $27, $27, ${FIELD_ALIASES.map((a) => `t.${a}`).join(', ')}, t.raw, $28, t.vector::tsvector
  FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::bigint[], $5::text[], ${FIELD_PARAMS(6)}, $23::text[], $24::text[])
    AS t(id, uid, created, closed, hash, ${FIELD_ALIASES.join(', ')}, raw, vector)`;

/** $1 old ids, $2 new ids, $3 created, $4 closed, $5 hashes, $6..$22 fields, $23 raw, $24 vectors; $25 server, $26 zone, $27 now, $28 stamp. */
const UPDATE_SQL = `UPDATE interactions AS i SET id = u.id, server = $25, zone = $26, created_utc = u.created, closed_utc = u.closed, content_hash = u.hash,
  updated_at = $27, ${FIELD_COLUMNS.map((c) => `${c} = u.f_${c}`).join(', ')}, raw = u.raw, change_seq = $28, search = u.vector::tsvector
  FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[], $5::text[], ${FIELD_PARAMS(6)}, $23::text[], $24::text[])
    AS u(old_id, id, created, closed, hash, ${FIELD_ALIASES.join(', ')}, raw, vector)
  WHERE i.id = u.old_id`;

const HISTORY_SQL = `INSERT INTO interaction_history (interaction_id, changed_at, changed_fields, old_fields, old_raw, old_content_hash)
  SELECT t.id, $6, t.changed, t.fields, t.raw, t.hash FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[]) AS t(id, changed, fields, raw, hash)`;

/** Writes the rows; returns the answer's counts. */
export async function writeWindowRows(tx: SqlClient, w: WindowRows): Promise<UpsertCounts> {
  await tx.query('SELECT seq FROM change_counter WHERE one = 1 FOR UPDATE');
  const found = new Map<string, Found>();
  if (w.prepared.length > 0) {
    const rows = await tx.query<Found>('SELECT uid, id, content_hash FROM interactions WHERE uid = ANY($1::text[])', [w.prepared.map((p) => encodeText(p.uid))]);
    for (const row of rows) found.set(decodeText(row.uid), row);
  }
  const fresh: number[] = [];
  const changed: { at: number; oldId: number }[] = [];
  let unchanged = 0;
  w.prepared.forEach((p, at) => {
    const old = found.get(p.uid);
    if (!old) fresh.push(at);
    else if (decodeText(old.content_hash) === p.hash) unchanged++;
    else changed.push({ at, oldId: old.id });
  });
  if (fresh.length === 0 && changed.length === 0) return { inserted: 0, updated: 0, unchanged };

  const stored = changed.length === 0 ? [] : await storedRows(tx, changed.map((c) => c.oldId));
  // A new zone can move the creation second; the id must follow it to stay date-ordered.
  const moving = changed.filter((c, i) => secondOf(w.prepared[c.at]!.createdUtc) !== secondOf(stored[i]!.created_utc));
  const ids = await allocateIds(tx, [...fresh, ...moving.map((c) => c.at)].map((at) => w.prepared[at]!.createdUtc));
  const newIdOf = new Map(moving.map((c, i) => [c.at, ids[fresh.length + i]!]));
  const [stamp] = await tx.query<{ seq: number }>('UPDATE change_counter SET seq = seq + 1 RETURNING seq');
  const tail = [encodeText(w.server), encodeText(w.zone), w.now, stamp!.seq];

  if (fresh.length > 0) await tx.query(INSERT_SQL, [ids.slice(0, fresh.length), ...columnsOf(w, fresh, fresh.map((at) => encodeText(w.prepared[at]!.uid))), ...tail]);
  if (changed.length > 0) {
    const newIds = changed.map((c) => newIdOf.get(c.at) ?? c.oldId);
    await tx.query(UPDATE_SQL, [changed.map((c) => c.oldId), ...columnsOf(w, changed.map((c) => c.at), newIds), ...tail]);
    const history = changed.map((c, i) => historyOf(stored[i]!, w.prepared[c.at]!.values));
    await tx.query(HISTORY_SQL, [newIds, ...(['changed', 'fields', 'raw', 'hash'] as const).map((k) => history.map((h) => encodeText(h[k]))), w.now]);
    // The old id is gone for readers that keep rows by id (no DELETE ran, so no trigger logged it).
    if (moving.length > 0) await tx.query('INSERT INTO interaction_removals (id) SELECT unnest($1::bigint[])', [moving.map((c) => c.oldId)]);
  }
  return { inserted: fresh.length, updated: changed.length, unchanged };
}

/** The column arrays after the first: `second` (uids for inserts, new ids for updates), then the rest. */
function columnsOf(w: WindowRows, rows: readonly number[], second: readonly unknown[]): unknown[] {
  const p = (at: number) => w.prepared[at]!;
  return [
    second,
    rows.map((at) => p(at).createdUtc),
    rows.map((at) => p(at).closedUtc),
    rows.map((at) => encodeText(p(at).hash)),
    ...API_FIELDS.map((_, f) => rows.map((at) => encodeText(p(at).values[f]!))),
    rows.map((at) => encodeNullable(p(at).raw)),
    rows.map((at) => w.vectors[at]!),
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
