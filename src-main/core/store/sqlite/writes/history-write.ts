/**
 * Keeps what a record looked like before a re-sync changed it, so an auditor can see what changed
 * and when. Written by the upsert, in its transaction; read by `history` in records.ts.
 */
import { API_FIELDS, type Chat4Record } from '../../../wolkvox/fields';
import { COLUMN_OF } from '../../sql/columns';
import type { Db } from '../connection/database';
import { canonicalRaw } from '../../identity';

export type StoredRow = { id: number; content_hash: string; created_utc: number | null; raw: string | null } & Record<
  string,
  string | number | null
>;

export function storedFields(row: Record<string, unknown>): Chat4Record {
  const out = {} as Chat4Record;
  for (const field of API_FIELDS) out[field] = String(row[COLUMN_OF[field]] ?? '');
  return out;
}

/** The record as received: stored as NULL when it was exactly the canonical JSON of its fields. */
export function rawOf(raw: string | null, fields: Chat4Record): string {
  return raw ?? canonicalRaw(fields);
}

/** Returns a writer that saves the old values and answers which fields changed. */
export function recordHistory(db: Db): (old: StoredRow, values: readonly string[], now: number) => string[] {
  const insert = db.prepare(
    'INSERT INTO interaction_history (interaction_id, changed_at, changed_fields, old_fields, old_raw, old_content_hash) VALUES (?, ?, ?, ?, ?, ?)',
  );
  return (old, values, now) => {
    const before = storedFields(old);
    const changed: string[] = API_FIELDS.filter((field, i) => before[field] !== values[i]);
    // Only the raw record changed (an undocumented extra field): say so rather than list nothing.
    if (changed.length === 0) changed.push('raw');
    insert.run(old.id, now, JSON.stringify(changed), JSON.stringify(before), rawOf(old.raw, before), old.content_hash);
    return changed;
  };
}
