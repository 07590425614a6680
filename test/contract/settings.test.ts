/**
 * Settings and the store's life through the port. Settings are text by key (null removes; a token is
 * never a setting). An update reads its keys, lets a synchronous `change` decide, and writes: all of it or
 * none (a refused write, or a `change` that throws, leaves every key as it was), each update seeing the
 * one before. Closing is final and may be asked twice.
 * Not pinned here: exclusion against another process on the same cache (the SQLite tests do that with
 * two connections; the contract opens one store at a time).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IMPLEMENTATIONS, withStore } from './implementations';

// Values are what the app writes (JSON text, whose control characters are escaped), so a raw NUL is not one of them.
const HOSTILE = ['', ' ', '😀 ñ', 'a\\u0000b\t', '<script>x</script>', 'x'.repeat(100_000), '{"json": [1, 2]}'];

for (const impl of IMPLEMENTATIONS) {
  test(`${impl.name}: any text is kept exactly; an update sees exactly its keys, and writes all or nothing`, () =>
    withStore(impl, async (store) => {
      for (const [i, value] of HOSTILE.entries()) await store.setSetting(`k${i}`, value);
      for (const [i, value] of HOSTILE.entries()) assert.equal(await store.getSetting(`k${i}`), value, `value ${i}`);
      const seen = await store.updateSettings(['k2', 'missing'], (current) => ({ writes: {}, result: { ...current } }));
      assert.deepEqual(seen, { k2: '😀 ñ', missing: null }, 'the keys asked for, absent ones as null, nothing else');

      const boom = new Error('decided not to');
      await assert.rejects(store.updateSettings(['k2'], () => { throw boom; }), (e) => e === boom);
      await assert.rejects(store.updateSettings(['k2'], () => ({ writes: { k2: 'changed', k3: null, 'my-token': 'x' }, result: 1 })), /keychain/);
      assert.deepEqual([await store.getSetting('k2'), await store.getSetting('k3')], ['😀 ñ', HOSTILE[3]], 'a refused update changes nothing');

      const order: string[] = [];
      const append = (tag: string) => store.updateSettings(['log'], (current) => {
        const next = `${current.log ?? ''}${tag}`;
        return { writes: { log: next }, result: next };
      }).then((r) => order.push(r));
      await Promise.all(['a', 'b', 'c', 'd', 'e'].map(append));
      assert.equal((await store.getSetting('log'))!.length, 5, 'no update lost another');
      assert.deepEqual([...(await store.getSetting('log'))!].sort(), ['a', 'b', 'c', 'd', 'e']);
      assert.deepEqual(order.map((r) => r.length).sort(), [1, 2, 3, 4, 5], 'each saw the ones before it');
      await assert.rejects(store.setSetting('Wolkvox_TOKEN', 'x'), /keychain/);
      assert.equal(await store.getSetting('Wolkvox_TOKEN'), null);
    }));

  test(`${impl.name}: closing is final, and a second close resolves`, async () => {
    const store = await impl.open();
    await store.setSetting('a', '1');
    await store.close();
    await store.close();
    await assert.rejects(Promise.resolve().then(() => store.getSetting('a')), 'nothing after close');
    await assert.rejects(Promise.resolve().then(() => store.count({})));
  });
}
