/**
 * Every failure the app reports has a kind (what the user can do about it) and a message a supervisor
 * can act on. Messages never contain the token: callers pass the token to nothing that builds a message.
 */
import type { Review } from './reviews/types';
import { MESSAGE_MAX, oneLine } from './text/one-line';
export const ERROR_KINDS = [
  'auth',
  'quota',
  'concurrency',
  'maintenance',
  'no-data',
  'network',
  'server',
  'invalid-response',
  'bad-input',
  'storage',
  'cancelled',
] as const;

export type ErrorKind = (typeof ERROR_KINDS)[number];

export class AppError extends Error {
  readonly kind: ErrorKind;
  /** A refused review save ('concurrency'): the review as someone else saved it meanwhile (reviews/review-conflict.ts). */
  declare readonly theirs?: Review;

  constructor(kind: ErrorKind, message: string, options?: { cause?: unknown; theirs?: Review }) {
    super(message, options);
    this.name = 'AppError';
    this.kind = kind;
    if (options?.theirs) this.theirs = options.theirs;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** What a full disk means to the user, wherever the store or a file write meets it. */
export const DISK_FULL_MESSAGE = 'The disk is full: free some space and try again. Nothing already saved was lost.';

export function badInput(message: string): AppError {
  return new AppError('bad-input', message);
}

/** Serialisable shape used across the bridge and in `--json` output. */
export interface ErrorInfo {
  kind: ErrorKind;
  message: string;
  /** With 'concurrency' on a review save: the other auditor's review, so the UI can show it beside the draft. */
  theirs?: Omit<Review, 'tags'> & { tags: string[] };
}

export function toErrorInfo(error: unknown): ErrorInfo {
  // What is stored (sync history) and shown: one line, bounded, whatever text an error carried in.
  if (isAppError(error)) {
    const info: ErrorInfo = { kind: error.kind, message: oneLine(error.message, MESSAGE_MAX) };
    if (error.theirs) info.theirs = { ...error.theirs, tags: [...error.theirs.tags] };
    return info;
  }
  const code = (error as { code?: unknown } | null)?.code;
  // A store's own errors arrive with their kind (the SQLite store's: store/sqlite/connection/driver-errors.ts).
  if (code === 'ENOSPC') return { kind: 'storage', message: DISK_FULL_MESSAGE };
  return { kind: 'server', message: oneLine(error instanceof Error ? error.message : String(error), MESSAGE_MAX) };
}
