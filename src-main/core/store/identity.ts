/**
 * What makes an interaction the same interaction across syncs, and what tells us it changed.
 * Identity uses only what never changes once a message exists (case, channel, creation date, sender,
 * message); the content hash covers everything as received, so any change is noticed.
 */
import { hash } from 'node:crypto';
import { API_FIELDS, type Chat4Record, type IncomingRecord } from '../wolkvox/fields';

// Unit and record separators cannot be confused with text boundaries ("a|b" + "c" vs "a" + "b|c").
const US = '\u001f';
const RS = '\u001e';

/**
 * sha1 over the identity fields, prefixed with the creation date's digits. The prefix changes nothing
 * about identity (the date is one of the hashed fields) but keeps the uid index in time order, so a
 * sync that walks forward in time appends to it instead of touching pages all over a large index.
 */
export function baseUidOf(fields: Chat4Record): string {
  // One-shot hash: no Hash object per record (the sync host hashes every record it reads, twice).
  const digest = hash('sha1', `${fields.case_id}${US}${fields.channel}${US}${fields.date_creation}${US}${fields.from}${US}${fields.body}`, 'base64url');
  return `${datePrefix(fields.date_creation)}-${digest}`;
}

function datePrefix(dateCreation: string): string {
  const digits = dateCreation.replace(/\D/g, '');
  return digits.length >= 14 ? digits.slice(0, 14) : digits.padEnd(14, '0');
}

/**
 * The n-th record of one answer with the same identity gets its own uid. The API answers a window in
 * the same order each time, so the second twin stays the second twin on a re-sync.
 */
export function uidFor(baseUid: string, occurrence: number): string {
  return occurrence <= 1 ? baseUid : `${baseUid}-${occurrence}`;
}

/**
 * The record as JSON when the API sent exactly the 17 documented fields, as strings, in documented
 * order (`normaliseRecord` builds fields in that order). Such a raw record is fully described by its
 * fields, so the cache stores it as NULL and rebuilds it byte for byte on reading (see rawOf).
 */
export function canonicalRaw(fields: Chat4Record): string {
  // Rebuilt in API order whatever the object's own key order, so writing and reading agree. Written as
  // JSON.stringify writes that object, without building it (every record a sync reads takes this).
  let json = '{';
  for (let i = 0; i < API_FIELDS.length; i++) json += `${KEY_PREFIXES[i]}${JSON.stringify(fields[API_FIELDS[i]!] ?? '')}`;
  return `${json}}`;
}

/** `"field":` of each field in API order, with the comma before all but the first. */
const KEY_PREFIXES: readonly string[] = API_FIELDS.map((field, i) => `${i === 0 ? '' : ','}${JSON.stringify(field)}:`);

/** The hash of everything received: the fields, plus the raw record when it says more than they do. */
export function contentHashOf(record: IncomingRecord, canonical = canonicalRaw(record.fields)): string {
  const text = record.raw === canonical ? canonical : `${canonical}${RS}${record.raw}`;
  return hash('sha1', text, 'base64url');
}
