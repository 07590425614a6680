import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createDispatch } from '../../src-main/bridge/dispatch';
import type { AppService } from '../../src-main/core/service/index';
import { openAppService } from '../helpers/open-service';
import { MemorySecretStore } from '../../src-main/core/secrets/secret-store';
import { tempDir } from '../helpers/temp-dir';

/**
 * The bridge refuses values that are not plain (typed arrays, buffers, Maps, class instances: what
 * Electron's structured clone can carry) before anything enumerates them, through the dispatcher both
 * hosts use, with the real service behind it, whose settings stay as they were.
 */
let service: AppService;
before(async () => {
  service = await openAppService({ dataDir: tempDir('wolkvox-bridge-plain-'), secrets: new MemorySecretStore(), host: 'electron', version: 'test', env: {}, log: () => {} });
});
after(() => service.close());

class Scores {
  readonly quality = true;
}
const THIRTY_MB = new Uint8Array(30 * 1024 * 1024).fill(65);

const NON_PLAIN: { what: string; channel: string; args: unknown; kind: RegExp }[] = [
  { what: 'a 30 MB Uint8Array as the arguments', channel: 'settings/set', args: THIRTY_MB, kind: /binary array/ },
  { what: 'a 30 MB Uint8Array as a setting', channel: 'settings/set', args: { key: 'ui.gridColumns', value: THIRTY_MB }, kind: /binary array/ },
  { what: 'a Buffer as a search text', channel: 'interactions/count', args: { filter: { text: Buffer.alloc(1024, 'a') } }, kind: /binary array/ },
  { what: 'a DataView', channel: 'settings/set', args: { key: 'reviewer', value: new DataView(new ArrayBuffer(8)) }, kind: /binary array/ },
  { what: 'an ArrayBuffer', channel: 'settings/set', args: { key: 'reviewer', value: new ArrayBuffer(1024) }, kind: /ArrayBuffer object/ },
  { what: 'a Map of scores', channel: 'reviews/save', args: { uid: 'u', scores: new Map([['quality', true]]) }, kind: /Map object/ },
  { what: 'a class instance of scores', channel: 'reviews/save', args: { uid: 'u', scores: new Scores() }, kind: /Scores object/ },
  { what: 'a Date', channel: 'settings/set', args: { key: 'reviewer', value: new Date(0) }, kind: /Date object/ },
];

test('non-plain values are refused as bad input naming their kind, and nothing is saved', async () => {
  const dispatch = createDispatch(service.handlers);
  const before = await dispatch('settings/get', {});
  for (const { what, channel, args, kind } of NON_PLAIN) {
    const result = await dispatch(channel, args);
    assert.equal(result.ok, false, what);
    if (result.ok) continue;
    assert.equal(result.error.kind, 'bad-input', what);
    assert.match(result.error.message, /is not a plain value/, what);
    assert.match(result.error.message, kind, what);
  }
  assert.deepEqual(await dispatch('settings/get', {}), before, 'the settings stayed as they were');
});

test('plain objects, null-prototype objects and arrays still pass', async () => {
  const dispatch = createDispatch(service.handlers);
  const columns = [{ colId: 'agent_name', width: 120 }];
  const set = await dispatch('settings/set', Object.assign(Object.create(null) as object, { key: 'ui.gridColumns', value: columns }));
  assert.equal(set.ok, true, JSON.stringify(set));
});
