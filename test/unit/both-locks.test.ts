import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../../src-main/core/errors';
import { bothLocks, type TokenLock } from '../../src-main/core/sync/token-lock';

/** A lock that logs what happens to it; `fail` makes its acquire refuse. */
function logged(name: string, log: string[], fail = false): TokenLock {
  return {
    async acquire(token) {
      log.push(`${name} acquire ${token}`);
      if (fail) throw new AppError('network', `${name} is unreachable`);
      return () => log.push(`${name} release`);
    },
  };
}

test('both locks: the outer is taken first and let go last', async () => {
  const log: string[] = [];
  const release = await bothLocks(logged('file', log), logged('server', log)).acquire('t');
  assert.deepEqual(log, ['file acquire t', 'server acquire t']);
  release();
  assert.deepEqual(log.slice(2), ['server release', 'file release']);
});

test('when the inner lock cannot be taken, the outer one is let go and the error stands', async () => {
  const log: string[] = [];
  await assert.rejects(bothLocks(logged('file', log), logged('server', log, true)).acquire('t'), /server is unreachable/);
  assert.deepEqual(log, ['file acquire t', 'server acquire t', 'file release']);
});

test('the outer lock is let go even if letting go of the inner one throws', async () => {
  const log: string[] = [];
  const inner: TokenLock = { acquire: async () => () => { throw new Error('gone'); } };
  const release = await bothLocks(logged('file', log), inner).acquire('t');
  assert.throws(release, /gone/);
  assert.deepEqual(log, ['file acquire t', 'file release']);
});
