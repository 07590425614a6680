import { ZoneConverter } from '../time/zone';
import { ApiError } from './api-error';
import type { IncomingRecord } from './fields';
import { envelopeSchema, messageOf, recordsOf, type Envelope } from './response';

/** An HTTP answer of the report, before it is read: the body stays bytes until a parser decodes it. */
export interface RawAnswer {
  status: number;
  contentType: string;
  body: Uint8Array;
  /** For messages: the server name and the host the user will recognise. */
  server: string;
  host: string;
  /** The operation's time zone, in which the records' dates are read. */
  zone: string;
}

/**
 * Records a parser kept where it read them, to be written from there: an opaque handle, which only the store
 * whose parser made it can commit (SyncStore.parser). What it holds and where is that store's business.
 */
export interface KeptRecords {
  readonly kept: symbol;
}

/** The records of an answer: in hand, or kept by the parser that read them until its store commits them. */
export type AnswerRecords = IncomingRecord[] | KeptRecords;

export interface WindowAnswer {
  /** True when the API said "no records" (404), as opposed to an empty list. */
  noData: boolean;
  count: number;
  /** Each record's creation instant (UTC ms; NaN where unreadable), in answer order: what the cap continuation reads. */
  createdUtc: Float64Array;
  records: AnswerRecords;
}

/**
 * Turns raw answers into records. Reading a 60,000-row answer (about 46 MB of JSON) takes a second of
 * CPU, so a store may offer a parser of its own that reads elsewhere and keeps the records there (the
 * SQLite store does, on a worker thread); this in-thread one serves tools that have no UI to keep responsive.
 */
export interface AnswerParser {
  parse(raw: RawAnswer): Promise<WindowAnswer>;
}

export const inThreadParser: AnswerParser = {
  parse: async (raw) => {
    const records = interpretAnswer(raw);
    return answerOf(records, raw.zone);
  },
};

/** The answer as the engine sees it; null records mean the API said "no records". */
export function answerOf(records: IncomingRecord[] | null, zone: string): WindowAnswer {
  const converter = new ZoneConverter(zone);
  const createdUtc = new Float64Array(records?.length ?? 0);
  records?.forEach((r, i) => (createdUtc[i] = converter.parseToUtc(r.fields.date_creation) ?? NaN));
  return { noData: records === null, count: records?.length ?? 0, createdUtc, records: records ?? [] };
}

/** The records of an answer, null for "no records", or the ApiError its status and envelope mean. */
export function interpretAnswer(raw: RawAnswer): IncomingRecord[] | null {
  const { status, contentType, server, host } = raw;
  const text = new TextDecoder().decode(raw.body);
  const envelope = parseEnvelope(text);
  const said = messageOf(envelope);
  if (status === 404) return null;
  if (status === 401) {
    throw new ApiError('auth', `Wolkvox asked for a token for server ${server}: set it in Settings or with "token set".`, { status });
  }
  if (status === 403) throw forbidden(said, server);
  if (status === 400) throw new ApiError('bad-input', `Wolkvox refused the request${said ? ` (${said})` : ''}.`, { status });
  if (status >= 500) throw new ApiError('server', `Wolkvox (${host}) failed with HTTP ${status}; try again later.`, { status });
  if (status !== 200) throw new ApiError('server', `Wolkvox (${host}) answered HTTP ${status}.`, { status });
  if (!envelope) {
    const what = /html/i.test(contentType) || /^\s*</.test(text) ? 'an HTML page' : 'an incomplete or malformed answer';
    throw new ApiError('invalid-response', `Wolkvox (${host}) sent ${what} instead of the report data.`, { status });
  }
  const code = envelope.code === undefined ? '200' : String(envelope.code);
  if (code === '404') return null;
  if (code !== '200') {
    throw new ApiError('invalid-response', `Wolkvox answered code ${code.slice(0, 10)}${said ? ` (${said})` : ''}.`, { status });
  }
  const records = recordsOf(envelope);
  if (!records) throw new ApiError('invalid-response', `Wolkvox (${host}) sent records that are not objects.`, { status });
  return records;
}

function forbidden(said: string, server: string): ApiError {
  const upper = said.toUpperCase();
  if (upper.includes('SIMULTANEOUS')) {
    return new ApiError('concurrency', 'Another request with the same token is still running at Wolkvox.', { status: 403 });
  }
  if (upper.includes('LIMIT EXCEEDED')) {
    return new ApiError('quota', "The operation's daily Wolkvox API quota is used up: syncing can resume tomorrow.", { status: 403 });
  }
  if (upper.includes('VALIDATE TOKEN')) {
    return new ApiError('auth', `Token rejected by Wolkvox for server ${server}: check it in Settings.`, { status: 403 });
  }
  // The vendor answers a bare 403 during its nightly backups.
  return new ApiError('maintenance', 'Wolkvox is refusing requests for now (probably its nightly maintenance); will try again.', { status: 403 });
}

function parseEnvelope(text: string): Envelope | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = envelopeSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}
