import { isRetryable } from '../wolkvox/api-error';

export interface RetryPolicy {
  attempts: number;
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseMs: 1000, maxMs: 60_000 };

/** Exponential backoff with jitter (0.5x–1.5x), so several clients never retry in step. */
export function backoffMs(policy: RetryPolicy, attempt: number, random: () => number): number {
  return Math.min(policy.maxMs, policy.baseMs * 2 ** attempt) * (0.5 + random());
}

export function shouldRetry(error: unknown, attempt: number, policy: RetryPolicy): boolean {
  return attempt + 1 < policy.attempts && isRetryable(error);
}
