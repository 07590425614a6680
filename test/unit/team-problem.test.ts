import assert from 'node:assert/strict';
import { test } from 'node:test';
import { noPasswordProblem, teamProblemOf } from '../../src-main/core/compose/team/team-problem';
import { AppError } from '../../src-main/core/errors';

/** A driver error as pg raises it (a SQLSTATE or a socket/TLS code), wrapped by the store as it does. */
const driver = (code: string, message = 'driver says no') => Object.assign(new Error(message), { code });
const wrapped = (kind: ConstructorParameters<typeof AppError>[0], inner: unknown) => new AppError(kind, 'The team cache could not be reached', { cause: inner });

test('the driver\'s code decides the reason however deep the store wrapped it, and the kind follows the reason', () => {
  const auth = teamProblemOf(wrapped('network', wrapped('storage', driver('28P01'))));
  assert.deepEqual([auth.reason, auth.error.kind], ['auth', 'auth']);
  assert.equal(teamProblemOf(wrapped('bad-input', driver('3D000'))).reason, 'no-database');
  const tls = teamProblemOf(wrapped('network', driver('SELF_SIGNED_CERT_IN_CHAIN')));
  assert.deepEqual([tls.reason, tls.error.kind], ['tls', 'network']);
  assert.equal(teamProblemOf(wrapped('network', driver('ECONNREFUSED'))).reason, 'unreachable');
});

test('the store\'s refusals without a code are read from their sentence; anything else is "other" with its message', () => {
  assert.equal(teamProblemOf(new AppError('storage', 'The team database server is PostgreSQL 13.4; Wolkvox Audit needs PostgreSQL 15 or newer. Ask your administrator to upgrade it.')).reason, 'old-server');
  assert.equal(teamProblemOf(new AppError('storage', 'This team cache was written by a newer version of Wolkvox Audit (schema 9; this app knows up to 3).')).reason, 'newer');
  const other = teamProblemOf(new Error('something unexpected'));
  assert.equal(other.reason, 'other');
  assert.equal(other.error.message, 'something unexpected');
  assert.equal(noPasswordProblem().reason, 'no-password');
});
