import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withinTime } from '../../src-main/core/compose/team/within-time';
import { isAppError } from '../../src-main/core/errors';

/** A promise held until the test releases it (no sleeps: the order of events is the test's). */
function held<T>(): { promise: Promise<T>; release(value: T): void } {
  let release!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (release = resolve));
  return { promise, release };
}

test('an answer in time is passed on, and nothing is handed to `late`', async () => {
  const late: string[] = [];
  assert.equal(await withinTime(Promise.resolve('store'), 60_000, (v) => late.push(v)), 'store');
  assert.deepEqual(late, []);
});

test('past the deadline: a network error in the user\'s words; what opens afterwards is handed to `late` (to be closed)', async () => {
  const open = held<string>();
  const late: string[] = [];
  const lateSeen = new Promise<void>((resolve) => {
    void withinTime(open.promise, 1, (v) => {
      late.push(v);
      resolve();
    }).catch((error: unknown) => {
      assert.ok(isAppError(error) && error.kind === 'network');
      assert.match((error as Error).message, /did not answer/);
      // Released only once the deadline has passed: the store opens too late.
      open.release('late store');
    });
  });
  await lateSeen;
  assert.deepEqual(late, ['late store']);
});

test('a failure in time is passed on unchanged', async () => {
  const failure = new Error('refused');
  await assert.rejects(withinTime(Promise.reject(failure), 60_000, () => assert.fail('nothing opened')), (e) => e === failure);
});
