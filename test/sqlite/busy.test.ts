import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../../src-main/core/errors';
import { BusyRetry, isBusy } from '../../src-main/core/store/sqlite/connection/busy';

const busy = (code = 'SQLITE_BUSY') => Object.assign(new Error('database is locked'), { code });

test('busy codes are recognised, also when wrapped as the cause of an app error', () => {
  assert.equal(isBusy(busy()), true);
  assert.equal(isBusy(busy('SQLITE_BUSY_SNAPSHOT')), true);
  assert.equal(isBusy(new AppError('storage', 'The review could not be saved', { cause: busy() })), true);
  assert.equal(isBusy(busy('SQLITE_FULL')), false);
  assert.equal(isBusy(new AppError('bad-input', 'no')), false);
  assert.equal(isBusy(null), false);
});

test('a busy request is tried again until it goes through; other errors are not retried', async () => {
  const waits: number[] = [];
  const retry = new BusyRetry({ sleep: async (ms) => void waits.push(ms) });
  let calls = 0;
  const value = await retry.run(async () => {
    calls += 1;
    if (calls < 4) throw busy();
    return 'saved';
  });
  assert.equal(value, 'saved');
  assert.equal(calls, 4);
  assert.deepEqual(waits, [5, 10, 20], 'waits grow');
  let failing = 0;
  await assert.rejects(
    retry.run(async () => {
      failing += 1;
      throw new AppError('bad-input', 'bad');
    }),
    (e: unknown) => e instanceof AppError && e.kind === 'bad-input',
  );
  assert.equal(failing, 1);
});

test('a cache that stays busy past the deadline gives a storage error a supervisor can act on', async () => {
  let clock = 0;
  const retry = new BusyRetry({ now: () => clock, timeoutMs: 1_000, sleep: async (ms) => void (clock += ms) });
  await assert.rejects(
    retry.run(async () => {
      throw busy();
    }),
    (e: unknown) => e instanceof AppError && e.kind === 'storage' && /busy with a sync/.test(e.message),
  );
  assert.ok(clock >= 1_000);
});

test('requests that met the lock land in the order they were made', async () => {
  let locked = true;
  const landed: string[] = [];
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  // Later sleepers would wake first: only a queue keeps the order.
  let sleepers = 0;
  const retry = new BusyRetry({
    sleep: () => {
      const n = ++sleepers;
      return released.then(() => new Promise((resolve) => setTimeout(resolve, Math.max(0, 40 - n * 10))));
    },
  });
  const write = (name: string) =>
    retry.run(async () => {
      if (locked) throw busy();
      landed.push(name);
    });
  const all = Promise.all([write('first'), write('second'), write('third')]);
  locked = false;
  release();
  await all;
  assert.deepEqual(landed, ['first', 'second', 'third']);
});

test('a write made while others wait goes after them even if the lock is free by then; a read does not wait', async () => {
  let locked = true;
  const landed: string[] = [];
  const retry = new BusyRetry({ sleep: () => new Promise<void>((resolve) => setTimeout(resolve, 5)) });
  const write = (name: string) =>
    retry.run(async () => {
      if (locked) throw busy();
      landed.push(name);
    });
  const older = write('older layout');
  await Promise.resolve();
  locked = false;
  const newer = write('newer layout');
  assert.equal(await retry.run(async () => 'page', 'read'), 'page');
  assert.deepEqual(landed, [], 'the read went through while both writes wait their turn');
  await Promise.all([older, newer]);
  assert.deepEqual(landed, ['older layout', 'newer layout']);
});

test('the deadline counts from when a request first met the lock, not from its turn', async () => {
  let clock = 0;
  const retry = new BusyRetry({ now: () => clock, timeoutMs: 1_000, sleep: async (ms) => void (clock += ms) });
  const stuck = () =>
    retry.run(async () => {
      throw busy();
    });
  const [a, b] = await Promise.allSettled([stuck(), stuck()]);
  assert.equal(a.status, 'rejected');
  assert.equal(b.status, 'rejected');
  assert.ok(clock < 2_000, `both gave up within about one timeout (clock ${clock})`);
});
