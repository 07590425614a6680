import type { ErrorKind } from '../core/errors';

/** Exit codes are a public contract: scheduled jobs branch on them. Add, never renumber. */
export const EXIT = {
  ok: 0,
  failure: 1,
  badInput: 2,
  auth: 3,
  quota: 4,
  network: 5,
  invalidResponse: 6,
  cancelled: 130,
} as const;

export function exitCodeFor(kind: ErrorKind): number {
  switch (kind) {
    case 'bad-input':
      return EXIT.badInput;
    case 'auth':
      return EXIT.auth;
    case 'quota':
      return EXIT.quota;
    case 'network':
    case 'server':
    case 'maintenance':
    case 'concurrency':
      return EXIT.network;
    case 'invalid-response':
      return EXIT.invalidResponse;
    case 'cancelled':
      return EXIT.cancelled;
    default:
      return EXIT.failure;
  }
}
