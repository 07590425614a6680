import { oneLine, SERVER_TEXT_MAX } from '../text/one-line';
import { z } from 'zod';
import { API_FIELDS, type Chat4Record, type IncomingRecord } from './fields';

/** The envelope every reports_manager answer shares; `code` arrives as a number or a string. */
export const envelopeSchema = z
  .object({
    code: z.union([z.number(), z.string()]).optional(),
    error: z.unknown().optional(),
    msg: z.unknown().optional(),
    data: z.union([z.array(z.unknown()), z.record(z.string(), z.unknown()), z.null()]).optional(),
  })
  .loose();

export type Envelope = z.infer<typeof envelopeSchema>;

const recordSchema = z.record(z.string(), z.unknown());

/** Values are documented as strings; numbers, arrays (attach_array=yes) and nulls are folded into strings. */
function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

export function normaliseRecord(raw: Record<string, unknown>): Chat4Record {
  const out = {} as Chat4Record;
  for (const field of API_FIELDS) out[field] = asText(raw[field]);
  return out;
}

/** `data` may be a list, a single object or null. Returns null when an element is not an object. */
export function recordsOf(envelope: Envelope): IncomingRecord[] | null {
  const data = envelope.data;
  if (data === null || data === undefined) return [];
  const list = Array.isArray(data) ? data : [data];
  const records: IncomingRecord[] = [];
  for (const item of list) {
    const parsed = recordSchema.safeParse(item);
    if (!parsed.success) return null;
    records.push({ fields: normaliseRecord(parsed.data), raw: JSON.stringify(parsed.data) });
  }
  return records;
}

export function messageOf(envelope: Envelope | null): string {
  if (!envelope) return '';
  // The server's words go into messages that are stored and printed: one line, bounded.
  return oneLine([envelope.error, envelope.msg].filter((v) => typeof v === 'string' && v).join(': '), SERVER_TEXT_MAX);
}
