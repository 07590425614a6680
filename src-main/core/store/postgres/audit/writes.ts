/**
 * What the audit part's writes share: the refusal on a store opened to read only, and the advisory locks
 * that order writers which a row lock cannot (a review or scorecard that does not exist yet has no row
 * to lock). Transaction-scoped: released by the commit or rollback, never left behind by a lost connection.
 */
import { AppError } from '../../../errors';
import type { PgContext } from '../pg-context';
import type { SqlClient } from '../sql-client';
import { encodeText } from '../text-codec';

/** pg_advisory_xact_lock keys, first int4 of their own ('WOLK' is migrate.ts's): 'REVW' with the uid's hash, 'AUDT' 1. */
const REVIEW_LOCK = 0x52455657;
const SCORECARD_LOCK: readonly [number, number] = [0x41554454, 1];

export function refuseReadOnly(ctx: PgContext, what: string): void {
  if (ctx.readOnly) throw new AppError('storage', `${what}: this team cache was opened to read only.`);
}

/**
 * One review's writers, in turn: two auditors saving the same interaction each read the review the other
 * committed (a hash collision only makes two unrelated saves wait for each other).
 */
export async function lockReview(tx: SqlClient, uid: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [REVIEW_LOCK, encodeText(uid)]);
}

/** Scorecard versions are numbered and the default is seeded under this lock: no two writers take one number. */
export async function lockScorecards(tx: SqlClient): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1, $2)', SCORECARD_LOCK);
}

/**
 * A review is someone's work: its commit waits for the server's WAL flush whatever the server's or the
 * role's `synchronous_commit` says.
 */
export async function durableCommit(tx: SqlClient): Promise<void> {
  await tx.query('SET LOCAL synchronous_commit = on');
}
