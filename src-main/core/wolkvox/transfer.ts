import { ApiError } from './api-error';

export type FetchFn = typeof fetch;

/**
 * How long one call may take. The vendor cuts a call at 60 s, so the answer's headers get a little more;
 * then the body must keep flowing (idle limit) and arrive whole within a cap computed from its size, so
 * that a 256 MB answer on a slow line still fits while a stalled connection is given up.
 */
export interface ClientTimeouts {
  /** From the request to the answer's status and headers. */
  headersMs: number;
  /** Longest silence while the body streams. */
  idleMs: number;
  /** Slowest transfer accepted: the body's cap is idleMs + its size (declared, else 256 MB) at this rate. */
  minBytesPerSecond: number;
}

export const DEFAULT_TIMEOUTS: ClientTimeouts = { headersMs: 90_000, idleMs: 60_000, minBytesPerSecond: 256 * 1024 };

/** The API's documented maximum answer. */
export const MAX_ANSWER_BYTES = 256 * 1024 * 1024;

export interface TransferRequest {
  url: string;
  headers: Record<string, string>;
  /** The user's cancel. */
  signal?: AbortSignal;
  /** For messages: the host the user will recognise (never the token, never the query). */
  host: string;
}

export interface TransferAnswer {
  status: number;
  contentType: string;
  body: Uint8Array;
}

/**
 * One GET with the limits above, and redirects never followed: the token is in a header, and a redirect
 * would carry it to whatever host the answer names. Every timer is cleared and, on any failure, the
 * request is aborted so its connection is closed rather than left draining.
 */
export async function transfer(fetchFn: FetchFn, req: TransferRequest, limits: ClientTimeouts): Promise<TransferAnswer> {
  const controller = new AbortController();
  let expired: string | null = null;
  const expire = (why: string) => () => {
    expired = why;
    controller.abort();
  };
  const seconds = (ms: number) => Math.max(1, Math.round(ms / 1000));
  const timers: NodeJS.Timeout[] = [setTimeout(expire(`did not answer within ${seconds(limits.headersMs)} s`), limits.headersMs)];
  const signal = req.signal ? AbortSignal.any([req.signal, controller.signal]) : controller.signal;
  try {
    const res = await fetchFn(req.url, { headers: req.headers, signal, redirect: 'manual' });
    clearTimeout(timers[0]);
    if (res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400)) throw redirected(res, req);
    const declared = Number(res.headers.get('content-length'));
    const announced = res.headers.get('content-length') !== null && Number.isSafeInteger(declared) && declared >= 0;
    if (announced && declared > MAX_ANSWER_BYTES) throw tooLarge(res, req, `announced ${megabytes(declared)}`);
    const expected = announced ? declared : MAX_ANSWER_BYTES;
    const capMs = limits.idleMs + Math.ceil((expected / limits.minBytesPerSecond) * 1000);
    timers.push(setTimeout(expire(`did not finish sending its answer within ${seconds(capMs)} s`), capMs));
    const idle = setTimeout(expire(`stopped sending its answer for ${seconds(limits.idleMs)} s`), limits.idleMs);
    timers.push(idle);
    const body = await readBody(res, expected, announced, () => idle.refresh());
    if (body === null) throw tooLarge(res, req, announced ? `sent more than the ${megabytes(expected)} it announced` : `sent more than ${megabytes(expected)}`);
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', body };
  } catch (error) {
    controller.abort();
    if (error instanceof ApiError) throw error;
    if (req.signal?.aborted) throw new ApiError('cancelled', 'The sync was cancelled.', { cause: error });
    if (expired) throw new ApiError('network', `Wolkvox (${req.host}) ${expired}.`, { timedOut: true });
    const code = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    throw new ApiError('network', `Could not reach Wolkvox at ${req.host} (${code}). Check the network connection.`, { cause: error });
  } finally {
    for (const t of timers) clearTimeout(t);
  }
}

/** Where a redirect pointed, as a host only (the rest of its Location is the other side's business). */
function redirected(res: Response, req: TransferRequest): ApiError {
  let target = 'another address';
  try {
    const location = res.headers.get('location');
    if (location) target = new URL(location, req.url).host.slice(0, 100) || target;
  } catch {
    // An unreadable Location: still a redirect, still refused.
  }
  void res.body?.cancel().catch(() => undefined);
  return new ApiError(
    'invalid-response',
    `Wolkvox (${req.host}) answered with a redirect${res.status ? ` (HTTP ${res.status})` : ''} to ${target}; the token was not sent there. ` +
      "Check the profile's service address.",
    { status: res.status || null, final: true },
  );
}

/** An answer past its bound: refused whole (a cut JSON document is no data), and not asked again. */
function tooLarge(res: Response, req: TransferRequest, what: string): ApiError {
  void res.body?.cancel().catch(() => undefined);
  return new ApiError(
    'invalid-response',
    `Wolkvox (${req.host}) ${what}; answers are at most ${megabytes(MAX_ANSWER_BYTES)}, so it was refused. Sync a shorter period.`,
    { status: res.status, final: true },
  );
}

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 10 ? `${Math.round(mb)} MB` : `${bytes.toLocaleString('en-US')} bytes`;
}

/**
 * The body as bytes (decoding 46 MB is the parser's work, wherever it runs), copied chunk by chunk into
 * one buffer: sized from Content-Length when there is one, else doubled as it fills but never past the
 * limit, so the largest answer peaks at about 1.5 times its size rather than twice or more. No
 * concatenation at the end, which would hold this thread for tens of milliseconds. `null`: the body went
 * past `limit` (reading stops there).
 */
async function readBody(res: Response, limit: number, announced: boolean, onChunk: () => void): Promise<Uint8Array | null> {
  if (!res.body) return new Uint8Array(0);
  let buffer = new Uint8Array(announced ? limit : Math.min(1 << 20, limit));
  let length = 0;
  for await (const chunk of res.body) {
    onChunk();
    if (length + chunk.byteLength > limit) return null;
    if (length + chunk.byteLength > buffer.byteLength) {
      const grown = new Uint8Array(Math.min(limit, Math.max(buffer.byteLength * 2, length + chunk.byteLength)));
      grown.set(buffer.subarray(0, length));
      buffer = grown;
    }
    buffer.set(chunk, length);
    length += chunk.byteLength;
  }
  return buffer.subarray(0, length);
}
