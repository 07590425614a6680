// Which driver errors mean the team cache's connection is gone (kind 'network': the banner, the retry, a
// failed window resumed from its checkpoint) rather than a refusal of what was asked. The messages are
// node-postgres's own, as it raises them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isConnectionLost } from '../../../src-main/core/store/postgres/pg-context';

const withCode = (message: string, code?: string) => Object.assign(new Error(message), code ? { code } : {});

test('a connection that is gone: lost by the socket, closed by the server, timed out, or left unusable by an earlier error', () => {
  for (const error of [
    withCode('Connection terminated unexpectedly'),
    withCode('read ECONNRESET', 'ECONNRESET'),
    withCode('terminating connection due to administrator command', '57P01'),
    withCode('Query read timeout'),
    // A pooled client whose socket failed while the sync host prepared the next part of a window (seen in CI).
    withCode('Client has encountered a connection error and is not queryable'),
  ]) {
    assert.equal(isConnectionLost(error), true, error.message);
  }
});

test('a refusal is not a lost connection', () => {
  for (const error of [withCode('permission denied for table reviews', '42501'), withCode('duplicate key value violates unique constraint', '23505'), new Error('syntax error')]) {
    assert.equal(isConnectionLost(error), false, error.message);
  }
});
