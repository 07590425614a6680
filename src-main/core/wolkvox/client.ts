import { inThreadParser, type AnswerParser, type WindowAnswer } from './answer';
import { ApiError } from './api-error';
import { productionBaseUrl, validateServerName } from './server-name';
import { validateServiceAddress } from './service-address';
import { DEFAULT_TIMEOUTS, transfer, type ClientTimeouts, type FetchFn } from './transfer';

export type { ClientTimeouts, FetchFn } from './transfer';
export { DEFAULT_TIMEOUTS } from './transfer';

export interface Chat4ClientOptions {
  server: string;
  /** The simulator or another Wolkvox host (see service-address.ts); production builds it from the server. */
  baseUrl?: string;
  fetch?: FetchFn;
  /** Time to the answer's headers (shorthand for timeouts.headersMs). */
  timeoutMs?: number;
  timeouts?: Partial<ClientTimeouts>;
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
  /** The origin the token is sent to, checked when the client is built: nothing is sent elsewhere. */
  readonly origin: string;
  private readonly fetchFn: FetchFn;
  private readonly timeouts: ClientTimeouts;
  private readonly parser: AnswerParser;

  constructor(options: Chat4ClientOptions) {
    this.server = validateServerName(options.server);
    this.origin = options.baseUrl ? validateServiceAddress(options.baseUrl) : productionBaseUrl(this.server);
    this.fetchFn = options.fetch ?? fetch;
    this.timeouts = {
      ...DEFAULT_TIMEOUTS,
      ...(options.timeoutMs !== undefined ? { headersMs: options.timeoutMs } : {}),
      ...options.timeouts,
    };
    this.parser = options.parser ?? inThreadParser;
  }

  /** The host the user will recognise in messages (never the token, never the full query). */
  get host(): string {
    return new URL(this.origin).host;
  }

  async fetchWindow(req: WindowRequest): Promise<WindowAnswer> {
    if (!STAMP_RE.test(req.dateIni) || !STAMP_RE.test(req.dateEnd)) {
      throw new ApiError('bad-input', 'Dates for Wolkvox must be 14 digits (YYYYmmddHHiiss).');
    }
    if (!req.token) throw new ApiError('auth', `No Wolkvox token is set for server ${this.server}.`);
    const url = `${this.origin}/api/v2/reports_manager.php?api=chat_4&date_ini=${req.dateIni}&date_end=${req.dateEnd}`;
    const { status, contentType, body } = await transfer(
      this.fetchFn,
      { url, headers: { 'wolkvox-token': req.token, accept: 'application/json' }, signal: req.signal, host: this.host },
      this.timeouts,
    );
    return this.parser.parse({ status, contentType, body, server: this.server, host: this.host, zone: req.zone });
  }
}
