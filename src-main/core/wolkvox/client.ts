import { inThreadParser, type AnswerParser, type WindowAnswer } from './answer';
import { ApiError } from './api-error';
import { productionBaseUrl, validateBaseUrl, validateServerName } from './server-name';

export type FetchFn = typeof fetch;

export interface Chat4ClientOptions {
  server: string;
  /** Overrides the production host (tests, proxies, the demo simulator). */
  baseUrl?: string;
  fetch?: FetchFn;
  /** The vendor cuts calls at 60 s; we wait a little longer before calling it a timeout. */
  timeoutMs?: number;
  /** Reads the answers; default: on this thread (see AnswerParser). */
  parser?: AnswerParser;
}

export interface WindowRequest {
  token: string;
  /** The operation's time zone: the dates below, and those of the records, are wall-clock times there. */
  zone: string;
  /** `YYYYmmddHHiiss` in the operation's time zone, both inclusive. */
  dateIni: string;
  dateEnd: string;
  signal?: AbortSignal;
}

const STAMP_RE = /^\d{14}$/;

export class Chat4Client {
  readonly server: string;
  private readonly baseUrl: string;
  private readonly fetchFn: FetchFn;
  private readonly timeoutMs: number;
  private readonly parser: AnswerParser;

  constructor(options: Chat4ClientOptions) {
    this.server = validateServerName(options.server);
    this.baseUrl = options.baseUrl ? validateBaseUrl(options.baseUrl) : productionBaseUrl(this.server);
    this.fetchFn = options.fetch ?? fetch;
    this.timeoutMs = options.timeoutMs ?? 65_000;
    this.parser = options.parser ?? inThreadParser;
  }

  /** The host the user will recognise in messages (never the token, never the full query). */
  get host(): string {
    return new URL(this.baseUrl).host;
  }

  async fetchWindow(req: WindowRequest): Promise<WindowAnswer> {
    if (!STAMP_RE.test(req.dateIni) || !STAMP_RE.test(req.dateEnd)) {
      throw new ApiError('bad-input', 'Dates for Wolkvox must be 14 digits (YYYYmmddHHiiss).');
    }
    if (!req.token) throw new ApiError('auth', `No Wolkvox token is set for server ${this.server}.`);
    const url = `${this.baseUrl}/api/v2/reports_manager.php?api=chat_4&date_ini=${req.dateIni}&date_end=${req.dateEnd}`;
    const { status, contentType, body } = await this.request(url, req.token, req.signal);
    return this.parser.parse({ status, contentType, body, server: this.server, host: this.host, zone: req.zone });
  }

  private async request(url: string, token: string, signal?: AbortSignal) {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    try {
      const res = await this.fetchFn(url, { headers: { 'wolkvox-token': token, accept: 'application/json' }, signal: combined });
      const body = await readBody(res);
      return { status: res.status, contentType: res.headers.get('content-type') ?? '', body };
    } catch (error) {
      if (signal?.aborted) throw new ApiError('cancelled', 'The sync was cancelled.', { cause: error });
      if (timeout.aborted) {
        throw new ApiError('network', `Wolkvox (${this.host}) did not answer within ${Math.round(this.timeoutMs / 1000)} s.`, {
          timedOut: true,
        });
      }
      const code = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
      throw new ApiError('network', `Could not reach Wolkvox at ${this.host} (${code}). Check the network connection.`, {
        cause: error,
      });
    }
  }
}

/**
 * The body as bytes (decoding 46 MB is the parser's work, wherever it runs), copied chunk by chunk into
 * one buffer sized from Content-Length: no concatenation of the whole answer at the end, which would
 * hold this thread for tens of milliseconds.
 */
async function readBody(res: Response): Promise<Uint8Array> {
  if (!res.body) return new Uint8Array(0);
  const declared = Number(res.headers.get('content-length'));
  let buffer = new Uint8Array(Number.isSafeInteger(declared) && declared > 0 && declared <= MAX_PREALLOCATED ? declared : 1 << 20);
  let length = 0;
  for await (const chunk of res.body) {
    if (length + chunk.byteLength > buffer.byteLength) {
      const grown = new Uint8Array(Math.max(buffer.byteLength * 2, length + chunk.byteLength));
      grown.set(buffer.subarray(0, length));
      buffer = grown;
    }
    buffer.set(chunk, length);
    length += chunk.byteLength;
  }
  return buffer.subarray(0, length);
}

/** A Content-Length above this is not trusted for one allocation up front (the buffer grows instead). */
const MAX_PREALLOCATED = 256 * 1024 * 1024;
