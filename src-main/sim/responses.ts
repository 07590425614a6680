import type { ServerResponse } from 'node:http';

/**
 * Every answer the simulated service can give, as plain values: a status, a content type, a body.
 * Bodies follow shared/chat4-api.md; where the contract is silent (range errors, token_info shape,
 * maintenance bodies) the choice is marked *assumed*.
 */
export interface Reply {
  status: number;
  contentType: string;
  body: string;
  /** Records in a successful body, for the stats. */
  rows: number;
  /** What happened, for stats.byOutcome. */
  outcome: string;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const HTML_TYPE = 'text/html; charset=iso-8859-1';

export type ApiErrorName =
  | 'missing-token'
  | 'invalid-token'
  | 'quota'
  | 'concurrency'
  | 'unknown-api'
  | 'bad-params'
  | 'range-too-long'
  | 'range-backwards';

/** The documented error table; the two range rows are *assumed* (the vendor documents the limit, not the answer). */
const API_ERRORS: Record<ApiErrorName, { status: number; error: string; msg: string }> = {
  'missing-token': { status: 401, error: 'UNAUTHORIZED', msg: 'PLEASE ENTER THE WOLKVOX-TOKEN' },
  'invalid-token': { status: 403, error: 'FORBIDDEN', msg: 'PLEASE VALIDATE TOKEN' },
  quota: { status: 403, error: 'FORBIDDEN', msg: 'TOKEN LIMIT EXCEEDED' },
  concurrency: { status: 403, error: 'FORBIDDEN', msg: 'EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (2)' },
  'unknown-api': { status: 400, error: 'BAD REQUEST', msg: 'THE API YOU WANT TO CONSULT DOES NOT EXIST' },
  'bad-params': { status: 400, error: 'BAD REQUEST', msg: 'SOME PARAMETERS ARE REQUIRED' },
  'range-too-long': { status: 400, error: 'BAD REQUEST', msg: 'THE MAXIMUM RANGE OF DAYS TO CONSULT IS 31' },
  'range-backwards': { status: 400, error: 'BAD REQUEST', msg: 'THE START DATE MUST BE BEFORE THE END DATE' },
};

function jsonReply(status: number, payload: unknown, outcome: string, rows = 0): Reply {
  return { status, contentType: JSON_TYPE, body: JSON.stringify(payload), rows, outcome };
}

export function apiError(name: ApiErrorName, outcome: string = name): Reply {
  const e = API_ERRORS[name];
  return jsonReply(e.status, { code: e.status, error: e.error, msg: e.msg }, outcome);
}

/** An API error whose message is given (the `message` fault): what the client keeps and shows of it is bounded. */
export function errorWithMessage(msg: string): Reply {
  return jsonReply(400, { code: 400, error: 'Bad Request', msg }, 'fault-message');
}

/** Observed: "no records in that range" is a 404 with this message and no error name. */
export function noRecords(): Reply {
  return jsonReply(404, { code: 404, error: null, msg: 'Validate dates entered' }, 'no-data');
}

export interface SuccessVariant {
  /** Some reports send `code` as the string "200". */
  codeAsString: boolean;
  /** With exactly one record, `data` is sometimes the object itself rather than a list of one. */
  singleObject: boolean;
}

/** msg counts the records actually sent: a cut at the row cap stays invisible (the worst case for clients). */
export function success(records: Record<string, unknown>[], variant: SuccessVariant): Reply {
  const data = records.length === 1 && variant.singleObject ? records[0] : records;
  const payload = { code: variant.codeAsString ? '200' : 200, error: null, msg: `${records.length} records were found`, data };
  return jsonReply(200, payload, 'ok', records.length);
}

/** *Assumed* shape: the vendor does not document token_info's body; numbers are strings like every other value. */
export function tokenInfo(limit: number, used: number, day: string): Reply {
  const data = { token_limit: String(limit), token_used: String(used), token_available: String(Math.max(0, limit - used)), date: day };
  return jsonReply(200, { code: 200, error: null, msg: 'Token information', data }, 'token-info');
}

function apachePage(status: number, title: string, text: string): string {
  return (
    '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n' +
    `<html><head>\n<title>${status} ${title}</title>\n</head><body>\n<h1>${title}</h1>\n<p>${text}</p>\n` +
    '<hr>\n<address>Apache/2.4.41 (Ubuntu) Server at wv0000.wolkvox.com Port 443</address>\n</body></html>\n'
  );
}

export function serverError(): Reply {
  const text = 'The server encountered an internal error or misconfiguration and was unable to complete your request.';
  return { status: 500, contentType: HTML_TYPE, body: apachePage(500, 'Internal Server Error', text), rows: 0, outcome: 'fault-500' };
}

export function badGateway(): Reply {
  const text = 'The proxy server received an invalid response from an upstream server.';
  return { status: 502, contentType: HTML_TYPE, body: apachePage(502, 'Proxy Error', text), rows: 0, outcome: 'fault-502' };
}

/** An error page behind a 200, as PHP front ends do: the status alone does not reveal it. */
export function htmlInsteadOfJson(): Reply {
  const text = 'The server is temporarily unable to service your request due to maintenance downtime or capacity problems.';
  return { status: 200, contentType: HTML_TYPE, body: apachePage(503, 'Service Unavailable', text), rows: 0, outcome: 'fault-html' };
}

/** Nightly backups: a 403 with nothing useful in it; alternates an empty body and a bare Apache page. */
export function maintenance(occurrence: number): Reply {
  const body = occurrence % 2 === 0 ? '' : apachePage(403, 'Forbidden', "You don't have permission to access this resource.");
  return { status: 403, contentType: HTML_TYPE, body, rows: 0, outcome: 'fault-maintenance' };
}

/** The same answer cut part-way, so it is no longer valid JSON (the length header matches what is sent). */
export function truncated(reply: Reply): Reply {
  const cut = Math.max(1, Math.floor(reply.body.length * 0.6));
  return { ...reply, body: reply.body.slice(0, cut), rows: 0, outcome: 'fault-truncated' };
}

export function notFoundPage(): Reply {
  const text = 'The requested URL was not found on this server.';
  return { status: 404, contentType: HTML_TYPE, body: apachePage(404, 'Not Found', text), rows: 0, outcome: 'not-found' };
}

export function controlJson(status: number, payload: unknown): Reply {
  return jsonReply(status, payload, 'control');
}

/** Sends a reply whole, with an exact length (a truncated body is then complete HTTP carrying broken JSON). */
export function writeReply(res: ServerResponse, reply: Reply): void {
  const body = Buffer.from(reply.body, 'utf8');
  res.writeHead(reply.status, { 'content-type': reply.contentType, 'content-length': body.length, server: 'Apache/2.4.41 (Ubuntu)' });
  res.end(body);
}
