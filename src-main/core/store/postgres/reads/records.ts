/** One interaction in full, the conversation it belongs to, and what re-syncs changed in it: on the team cache. */
import type { Chat4Record } from '../../../wolkvox/fields';
import { canonicalRaw } from '../../identity';
import type { HistoryEntry, InteractionDetail, InteractionRecord } from '../../types';
import type { PgContext } from '../pg-context';
import { decodeNullable, decodeText, encodeText } from '../text-codec';
import { fieldsOf, RECORD_SELECT, toRecord, type DbRow } from './row-shape';

const DETAIL_SELECT = `SELECT ${RECORD_SELECT}, i.raw AS raw, i.content_hash AS content_hash, i.first_synced_at AS first_synced_at, i.updated_at AS updated_at
  FROM interactions i`;

export async function interaction(ctx: PgContext, id: number): Promise<InteractionDetail | null> {
  // Ids are whole numbers: anything else names no row (and must not reach a bigint parameter).
  if (!Number.isSafeInteger(id)) return null;
  const [row] = await ctx.query<DbRow>(`${DETAIL_SELECT} WHERE i.id = $1`, [id]);
  return row ? detailOf(row) : null;
}

/** Whole interactions by id, in id order, in one round trip. */
export async function interactionsById(ctx: PgContext, ids: readonly number[]): Promise<InteractionDetail[]> {
  const wanted = ids.filter((id) => Number.isSafeInteger(id));
  if (wanted.length === 0) return [];
  const rows = await ctx.query<DbRow>(`${DETAIL_SELECT} WHERE i.id = ANY($1::bigint[]) ORDER BY i.id`, [wanted]);
  return rows.map(detailOf);
}

/** Every interaction of these cases, in id order, in one round trip. */
export async function conversationsOf(ctx: PgContext, cases: readonly { caseId: string; server: string }[]): Promise<InteractionRecord[]> {
  if (cases.length === 0) return [];
  const rows = await ctx.query<DbRow>(
    `SELECT ${RECORD_SELECT} FROM interactions i
     WHERE (i.case_id, i.server) IN (SELECT c, s FROM unnest($1::text[], $2::text[]) AS wanted(c, s)) ORDER BY i.id`,
    [cases.map((c) => encodeText(c.caseId)), cases.map((c) => encodeText(c.server))],
  );
  return rows.map(toRecord);
}

function detailOf(row: DbRow): InteractionDetail {
  const record = toRecord(row);
  return {
    ...record,
    // The record as received; not stored when it was exactly the canonical JSON of its fields.
    raw: decodeNullable(row.raw as string | null) ?? canonicalRaw(fieldsOf(row)),
    contentHash: decodeText(row.content_hash as string),
    firstSyncedAt: row.first_synced_at as number,
    updatedAt: row.updated_at as number,
  };
}

/**
 * Every interaction of a case on a server, in creation order (the case index ends in id, which is date-ordered).
 * COLLATE "C": the same rows (byte equality), found through the case sort's index (migrations 3 and 12).
 */
export async function conversation(ctx: PgContext, caseId: string, server: string): Promise<InteractionRecord[]> {
  const rows = await ctx.query<DbRow>(`SELECT ${RECORD_SELECT} FROM interactions i WHERE i.case_id COLLATE "C" = $1 AND i.server = $2 ORDER BY i.id`, [
    encodeText(caseId),
    encodeText(server),
  ]);
  return rows.map(toRecord);
}

/** Earlier versions of an interaction, oldest first. */
export async function history(ctx: PgContext, id: number): Promise<HistoryEntry[]> {
  if (!Number.isSafeInteger(id)) return [];
  const rows = await ctx.query<{ id: number; changed_at: number; changed_fields: string; old_fields: string; old_raw: string }>(
    'SELECT id, changed_at, changed_fields, old_fields, old_raw FROM interaction_history WHERE interaction_id = $1 ORDER BY id',
    [id],
  );
  return rows.map((r) => ({
    id: r.id,
    changedAt: r.changed_at,
    changedFields: JSON.parse(decodeText(r.changed_fields)) as string[],
    oldFields: JSON.parse(decodeText(r.old_fields)) as Chat4Record,
    oldRaw: decodeText(r.old_raw),
  }));
}
