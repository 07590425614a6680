import type { TeamProblem, TeamProblemReason } from '../../api/team-schemas';
import { AppError, toErrorInfo, type ErrorKind } from '../../errors';

/** The error's own code, or its cause's (the store wraps driver errors in the app's kinds and keeps them as the cause). */
function codeOf(error: unknown): string {
  const own = (error as { code?: unknown } | null)?.code;
  if (typeof own === 'string' && own) return own;
  const cause = (error as { cause?: unknown } | null)?.cause;
  return cause && cause !== error ? codeOf(cause) : '';
}

/**
 * Why a team cache could not be opened, as a reason the UI says in the user's language (the error's own
 * message goes with it, for the detail). Read from the error's kind and the driver's code it carries; the
 * store's schema refusals (a database written by a newer app, a server too old) have no code, so their
 * sentence is recognised (team-problem tests pin both against the real store).
 */
export function teamProblemOf(error: unknown): TeamProblem {
  const reason = reasonOf(error);
  const info = toErrorInfo(error);
  // The kind follows the reason: a refused password is 'auth' however the store wrapped the driver's error.
  return { reason, error: { ...info, kind: KIND_OF[reason] ?? info.kind } };
}

const KIND_OF: Partial<Record<TeamProblemReason, ErrorKind>> = { auth: 'auth', 'no-password': 'auth', unreachable: 'network', tls: 'network', 'no-database': 'bad-input' };

function reasonOf(error: unknown): TeamProblemReason {
  if (!(error instanceof AppError)) return 'other';
  const code = codeOf(error);
  const message = error.message;
  // The server's or TLS's own code first, however many times the store wrapped it (SQLSTATE 28P01: wrong
  // password; 28000: refused by pg_hba.conf; 3D000: no such database).
  if (code === '28P01' || code === '28000') return 'auth';
  if (code === '3D000') return 'no-database';
  if (/CERT|SELF_SIGNED|ALTNAME|UNABLE_TO_|ERR_TLS/.test(code)) return 'tls';
  switch (error.kind) {
    case 'auth':
      return 'auth';
    case 'bad-input':
      return 'other';
    case 'network':
      if (/certificate|could not prove who it is|does not accept encrypted|SSL/i.test(message)) return 'tls';
      // Refused, unknown host, no route, timed out, connection dropped: the server cannot be reached.
      return 'unreachable';
    case 'storage':
      if (/newer version of Wolkvox Audit/.test(message)) return 'newer';
      if (/needs PostgreSQL \d+ or newer/.test(message)) return 'old-server';
      return 'other';
    default:
      return 'other';
  }
}

/** The app's own refusal when no password is saved for the connection (the server is not even asked). */
export function noPasswordProblem(): TeamProblem {
  return { reason: 'no-password', error: { kind: 'auth', message: 'No password is saved for this team cache: type it in Settings → Team cache.' } };
}
