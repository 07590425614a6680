import { AppError, type ErrorKind } from '../errors';

/** An AppError from the Wolkvox API, with what the sync engine needs to decide: retry, split or stop. */
export class ApiError extends AppError {
  readonly status: number | null;
  readonly timedOut: boolean;
  /** Never asked again whatever its kind (a redirect: asking again would meet the same redirect). */
  readonly final: boolean;

  constructor(
    kind: ErrorKind,
    message: string,
    options: { status?: number | null; timedOut?: boolean; final?: boolean; cause?: unknown } = {},
  ) {
    super(kind, message, { cause: options.cause });
    this.name = 'ApiError';
    this.status = options.status ?? null;
    this.timedOut = options.timedOut ?? false;
    this.final = options.final ?? false;
  }
}

/** Kinds that can succeed if asked again later; auth, bad input and quota never do today. */
export const RETRYABLE_KINDS: ReadonlySet<ErrorKind> = new Set(['network', 'server', 'concurrency', 'maintenance', 'invalid-response']);

export function isRetryable(error: unknown): boolean {
  return error instanceof AppError && RETRYABLE_KINDS.has(error.kind) && !(error instanceof ApiError && error.final);
}
