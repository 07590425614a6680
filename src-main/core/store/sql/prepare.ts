/**
 * The JavaScript half of an upsert: identity, content hash, UTC instants and the values to bind,
 * computed without the database. Kept apart so the writer can run it on the sending thread in small
 * slices while the worker thread writes the previous slice (see writer.ts): the two halves of ingest
 * then run on two cores.
 */
import { ZoneConverter } from '../../time/zone';
import { API_FIELDS, type IncomingRecord } from '../../wolkvox/fields';
import { baseUidOf, canonicalRaw, contentHashOf, uidFor } from '../identity';

/** One record ready to write; plain data, cheap to post to a worker. */
export interface PreparedRecord {
  uid: string;
  hash: string;
  createdUtc: number | null;
  closedUtc: number | null;
  /** NULL when the raw record is exactly the canonical JSON of its fields (rebuilt on reading). */
  raw: string | null;
  /** The 17 field values, in API order. */
  values: string[];
}

export type Preparer = (records: readonly IncomingRecord[]) => PreparedRecord[];

/**
 * Prepares the records of ONE answer, possibly in several calls: it counts same-identity twins
 * across calls, so the n-th twin of an answer gets the same uid on every re-sync.
 */
export function createPreparer(zone: string): Preparer {
  const converter = new ZoneConverter(zone);
  const seen = new Map<string, number>();
  return (records) =>
    records.map((record) => {
      const base = baseUidOf(record.fields);
      const occurrence = (seen.get(base) ?? 0) + 1;
      seen.set(base, occurrence);
      const canonical = canonicalRaw(record.fields);
      const values: string[] = [];
      for (const field of API_FIELDS) values.push(record.fields[field] ?? '');
      return {
        uid: uidFor(base, occurrence),
        hash: contentHashOf(record, canonical),
        createdUtc: converter.parseToUtc(record.fields.date_creation),
        closedUtc: converter.parseToUtc(record.fields.close_date),
        raw: record.raw === canonical ? null : record.raw,
        values,
      };
    });
}
