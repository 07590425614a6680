import { ApiError } from './api-error';
import { envelopeSchema, messageOf, recordsOf, type Envelope } from './response';
import { productionBaseUrl, validateBaseUrl, validateServerName } from './server-name';
import type { IncomingRecord } from './fields';

export type FetchFn = typeof fetch;

export interface Chat4ClientOptions {
  server: string;
  /** Overrides the production host (tests, proxies, the demo simulator). */
  baseUrl?: string;
  fetch?: FetchFn;
  /** The vendor cuts calls at 60 s; we wait a little longer before calling it a timeout. */
  timeoutMs?: number;
}

export interface WindowRequest {
  token: string;
  /** `YYYYmmddHHiiss` in the operation's time zone, both inclusive. */
  dateIni: string;
  dateEnd: string;
  signal?: AbortSignal;
}

export interface WindowAnswer {
  records: IncomingRecord[];
  /** True when the API said "no records" (404), as opposed to an empty list. */
  noData: boolean;
}

const STAMP_RE = /^\d{14}$/;

export class Chat4Client {
  readonly server: string;
  private readonly baseUrl: string;
  private readonly fetchFn: FetchFn;
  private readonly timeoutMs: number;

  constructor(options: Chat4ClientOptions) {
    this.server = validateServerName(options.server);
    this.baseUrl = options.baseUrl ? validateBaseUrl(options.baseUrl) : productionBaseUrl(this.server);
    this.fetchFn = options.fetch ?? fetch;
    this.timeoutMs = options.timeoutMs ?? 65_000;
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
    const { status, contentType, text } = await this.request(url, req.token, req.signal);
    return this.interpret(status, contentType, text);
  }

  private async request(url: string, token: string, signal?: AbortSignal) {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    try {
      const res = await this.fetchFn(url, { headers: { 'wolkvox-token': token, accept: 'application/json' }, signal: combined });
      const text = await res.text();
      return { status: res.status, contentType: res.headers.get('content-type') ?? '', text };
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

  private interpret(status: number, contentType: string, text: string): WindowAnswer {
    const envelope = parseEnvelope(text);
    const said = messageOf(envelope);
    if (status === 404) return { records: [], noData: true };
    if (status === 401) {
      throw new ApiError('auth', `Wolkvox asked for a token for server ${this.server}: set it in Settings or with "token set".`, {
        status,
      });
    }
    if (status === 403) throw this.forbidden(said);
    if (status === 400) {
      throw new ApiError('bad-input', `Wolkvox refused the request${said ? ` (${said})` : ''}.`, { status });
    }
    if (status >= 500) throw new ApiError('server', `Wolkvox (${this.host}) failed with HTTP ${status}; try again later.`, { status });
    if (status !== 200) throw new ApiError('server', `Wolkvox (${this.host}) answered HTTP ${status}.`, { status });
    if (!envelope) {
      const what = /html/i.test(contentType) || /^\s*</.test(text) ? 'an HTML page' : 'an incomplete or malformed answer';
      throw new ApiError('invalid-response', `Wolkvox (${this.host}) sent ${what} instead of the report data.`, { status });
    }
    const code = envelope.code === undefined ? '200' : String(envelope.code);
    if (code === '404') return { records: [], noData: true };
    if (code !== '200') {
      throw new ApiError('invalid-response', `Wolkvox answered code ${code.slice(0, 10)}${said ? ` (${said})` : ''}.`, { status });
    }
    const records = recordsOf(envelope);
    if (!records) throw new ApiError('invalid-response', `Wolkvox (${this.host}) sent records that are not objects.`, { status });
    return { records, noData: false };
  }

  private forbidden(said: string): ApiError {
    const upper = said.toUpperCase();
    if (upper.includes('SIMULTANEOUS')) {
      return new ApiError('concurrency', 'Another request with the same token is still running at Wolkvox.', { status: 403 });
    }
    if (upper.includes('LIMIT EXCEEDED')) {
      return new ApiError('quota', "The operation's daily Wolkvox API quota is used up: syncing can resume tomorrow.", {
        status: 403,
      });
    }
    if (upper.includes('VALIDATE TOKEN')) {
      return new ApiError('auth', `Token rejected by Wolkvox for server ${this.server}: check it in Settings.`, { status: 403 });
    }
    // The vendor answers a bare 403 during its nightly backups.
    return new ApiError('maintenance', 'Wolkvox is refusing requests for now (probably its nightly maintenance); will try again.', {
      status: 403,
    });
  }
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
