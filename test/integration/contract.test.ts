import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createDispatch } from '../../src-main/bridge/dispatch';
import { operations, type Channel } from '../../src-main/core/api/contract';
import { fakeService } from '../helpers/e2e-fake-service';

/**
 * Every operation of the contract refuses malformed arguments with 'bad-input' before any handler runs,
 * whichever host carries the call (both go through createDispatch).
 */
const P = 'p1';
const CASES: Record<Channel, unknown[]> = {
  'app/info': [{ extra: 1 }],
  'settings/get': [{ key: 'x' }],
  'settings/set': [{ key: '1starts-with-digit', value: 1 }, { key: 'a b', value: 1 }, { key: 'x'.repeat(80), value: 1 }, { value: 1 }],
  'team/status': [{ all: true }],
  'team/save': [
    { host: '', port: 5432, database: 'd', user: 'u', tls: 'verify-full' },
    { host: 'h', port: 0, database: 'd', user: 'u', tls: 'verify-full' },
    { host: 'h', port: 5432, database: 'd', user: 'u', tls: 'require' },
    { host: 'h', port: 5432, database: 'd', user: 'u', tls: 'verify-full', password: 'p' },
    // The renderer names no path: the CA file is chosen in the host's dialog (team/choose-ca-file).
    { host: 'h', port: 5432, database: 'd', user: 'u', tls: 'verify-full', caFile: '/etc/ssl/ca.pem' },
  ],
  'team/password': [{}, { password: '' }, { password: 'x'.repeat(2000) }],
  'team/choose-ca-file': [{ path: '/etc/ssl/ca.pem' }],
  'team/test': [{ host: 'h' }],
  'team/use': [{ url: 'postgres://x' }],
  'team/leave': [{ now: true }],
  'offline/status': [{ all: true }],
  'offline/take': [{ kind: 'everything' }, { kind: 'sample' }, { kind: 'sample', sampleId: 1, extra: 1 }, { kind: 'filter', filter: {}, label: 'x'.repeat(81) }],
  'offline/push': [{ force: true }],
  'offline/resolve': [{ uid: 'a', keep: 'both' }, { uid: '', keep: 'mine' }],
  'offline/drop': [{ id: 'one' }, {}],
  'offline/discard': [{ uid: '' }, {}, { uid: 'a', keep: 'mine' }],
  'profiles/list': [{ all: true }],
  'profiles/save': [
    { name: 'A', server: 'bad.server', zone: 'America/Bogota' },
    { name: '', server: '0025', zone: 'America/Bogota' },
    { name: 'A', server: '0025', zone: 'America/Bogota', baseUrl: 'not a url' },
    { id: 'UPPER', name: 'A', server: '0025', zone: 'America/Bogota' },
    { name: 'A', server: '0025' },
  ],
  'profiles/remove': [{ profileId: '../etc' }, {}],
  'profiles/removal-plan': [{ profileId: '../etc' }, {}, { profileId: P, purge: true }],
  'retention/get': [{}, { profileId: 'P 1' }],
  'retention/set': [
    { profileId: P, keepDays: 0, keepReviewed: true },
    { profileId: P, keepDays: 3651, keepReviewed: true },
    { profileId: P, keepDays: 1.5, keepReviewed: true },
    { profileId: P, keepDays: '30', keepReviewed: true },
    { profileId: P, keepDays: 30 },
    { profileId: P, keepReviewed: false },
  ],
  'retention/broken-caches': [{ dir: '/tmp' }],
  // An id, never a path: the service maps it to a file of the cache's own folder.
  'retention/remove-broken-cache': [{}, { id: '../../etc/passwd' }, { id: '20260301-101010/../x' }, { id: '/home/u/x.sqlite' }, { id: 20260301 }],
  'profiles/activate': [{ profileId: 42 }],
  'token/status': [{ profileId: 'p 1' }],
  'token/set': [{ profileId: P, token: '' }, { profileId: P, token: 'x'.repeat(5000) }, { profileId: P }, { profileId: P, token: 7 }],
  'token/clear': [{ profileId: P, token: 'x' }],
  'token/test': [{ profileId: 'p 1' }, { profileId: P, token: 'x' }, {}],
  'sync/plan': [
    { profileId: P, range: { preset: 'forever' } },
    { profileId: P, range: { from: '2025', to: '2025-01-02' } },
    { profileId: P, range: { incremental: false } },
    { profileId: P },
  ],
  'sync/start': [{ profileId: P, range: { preset: 'last7', extra: 1 } }, { range: { preset: 'today' } }],
  'sync/cancel': [{ runId: 1 }],
  'sync/state': [{ verbose: true }],
  'sync/history': [{ limit: 0 }, { limit: 1000 }, { limit: 1.5 }, {}],
  'sync/auto': [{ profileId: P, enabled: 'yes' }, { profileId: P }],
  'interactions/page': [
    { filter: {}, offset: -1, limit: 10 },
    { filter: {}, offset: 0, limit: 0 },
    { filter: {}, offset: 0, limit: 5000 },
    { filter: { agents: 'Ana' }, offset: 0, limit: 10 },
    { filter: { sql: '1=1' }, offset: 0, limit: 10 },
    { filter: {}, sort: { field: 'rowid; DROP TABLE x', dir: 'asc' }, offset: 0, limit: 10 },
    { filter: {}, sort: { field: 'created', dir: 'sideways' }, offset: 0, limit: 10 },
    { filter: { text: 'x'.repeat(501) }, offset: 0, limit: 10 },
  ],
  'interactions/count': [{ filter: { fromUtc: 'yesterday' } }, {}],
  'insights/get': [{ filter: { agents: 'Ana' } }, {}, { filter: {}, zone: '' }, { filter: {}, zone: 'x'.repeat(65) }, { filter: {}, extra: 1 }],
  'insights/save-image': [
    {},
    { name: 'chart' },
    { name: '', png: 'iVBORw0KGgo=' },
    { name: 'chart', png: '' },
    { name: 'chart', png: 'not base64!' },
    { name: 'chart', png: 'data:text/html;base64,PGgxPg==' },
    { name: 'x'.repeat(161), png: 'iVBORw0KGgo=' },
    { name: 'chart', png: 'A'.repeat(28_000_000) },
    { name: 'chart', png: 'iVBORw0KGgo=', path: '/etc/passwd' },
  ],
  'interactions/get': [{ id: -1 }, { id: 1.5 }, { id: '1' }],
  'conversation/get': [{ id: null }, {}],
  'facets/get': [{ filter: {}, fields: [] }, { filter: {}, fields: ['body'] }, { filter: {} }],
  'export/start': [
    { filter: {}, format: 'pdf' },
    { filter: {}, format: 'csv', headers: 'raw' },
    { filter: {}, format: 'csv', path: 'x'.repeat(1001) },
  ],
  'export/cancel': [{ jobId: 5 }, {}],
  'export/reveal': [{}, { path: 3 }],
  'reviews/get': [{}, { uid: '' }, { uid: 7 }],
  'reviews/save': [
    { uid: 'u', status: 'great' },
    { uid: 'u', scores: { tone: 9 } },
    { uid: 'u', note: 'x'.repeat(20_001) },
    { uid: 'u', tags: ['x'.repeat(41)] },
    { uid: 'u', reviewer: 'someone else' },
    { uid: 'u', scores: { tone: 'n/a' } },
    { uid: 'u', override: { status: 'in review', reason: 'x' } },
    { uid: 'u', override: { status: 'pass' } },
    { uid: 'u', status: 'pass', reason: 'x'.repeat(501) },
  ],
  'reviewer/get': [{ name: 'x' }],
  'reviews/progress': [{}, { filter: { reviewStatuses: ['maybe'] } }],
  'scorecard/active': [{ version: 1 }],
  'scorecard/save': [
    { name: 'S', attributes: [] },
    { name: 'S', attributes: [{ key: 'Bad Key', name: 'x', weight: 1, scale: 'yes-no' }] },
    { name: 'S', attributes: [{ key: 'ok', name: 'x', weight: 0, scale: 'yes-no' }] },
    { name: 'S', attributes: [{ key: 'ok', name: 'x', weight: 1, scale: '1-10' }] },
    { name: 'S', attributes: [{ key: 'ok', name: 'x', weight: 1, scale: 'yes-no', help: 'x'.repeat(501) }] },
    { name: 'S', attributes: [{ key: 'ok', name: 'x', weight: 1, scale: 'yes-no', naAllowed: 'yes' }] },
  ],
  'scorecards/list': [{ all: true }],
  'scorecard/version': [{}, { id: 'default' }, { id: 'default', version: 0 }],
  'scorecard/default': [{}, { language: 'fr' }],
  'scorecard/export': [{ id: '' }, { version: 1.5 }],
  'scorecard/save-file': [{ id: 3 }, { version: -1 }],
  'scorecard/import': [{}, { text: '' }, { text: 5 }],
  'samples/draw': [
    { name: 'S', seed: 1, perAgent: 0, filter: {} },
    { name: '', seed: 1, perAgent: 5, filter: {} },
    { name: 'S', seed: 1, perAgent: 5, by: 'agent', filter: {} },
    { name: 'S', seed: 1, perAgent: 5 },
    { name: 'S', seed: 1, filter: {} },
    { name: 'S', seed: 1, perAgent: 5, rule: { unit: 'count', amount: 5, perAgent: true }, filter: {} },
    { name: 'S', seed: 1, rule: { unit: 'percent', amount: 0, perAgent: true }, filter: {} },
    { name: 'S', seed: 1, rule: { unit: 'count', amount: 5, perAgent: true, skipClosed: true }, filter: {} },
  ],
  'samples/preview': [{ filter: {} }, { filter: {}, rule: { unit: 'share', amount: 5, perAgent: true } }, { rule: { unit: 'count', amount: 5, perAgent: false } }],
  'samples/list': [{ all: true }],
  'samples/rename': [{ id: 1 }, { id: 1, name: '   ' }, { id: -1, name: 'x' }, { id: 1, name: 'x'.repeat(81) }],
  'samples/delete': [{}, { id: 'one' }, { id: 1.5 }],
  'assignments/auditors': [{ all: true }],
  'assignments/assign': [{ sampleId: 1, auditors: [] }, { sampleId: 1, auditors: [''] }, { sampleId: 1, auditors: ['x'.repeat(101)] }, { sampleId: 1 }, { sampleId: -1, auditors: ['ana'] }],
  'assignments/get': [{}, { sampleId: 'one' }],
  'assignments/next': [{ sampleId: 1 }, { sampleId: 1, afterUid: 7 }, { afterUid: null }],
  'calibrations/create': [{ name: 'c', sampleId: 1, auditors: ['ana'] }, { name: '', sampleId: 1, auditors: ['ana', 'bea'] }, { name: 'c', auditors: ['ana', 'bea'] }],
  'calibrations/list': [{ id: 1 }],
  'calibrations/get': [{}, { id: 'one' }],
  'calibrations/score': [{ calibrationId: 1, uid: 'u', scores: { greeting: 9 } }, { calibrationId: 1, scores: {} }, { calibrationId: 1, uid: 'u', scores: {}, auditor: 'bea' }],
  'calibrations/delete': [{}, { id: 1.5 }],
};
/** Shapes no operation accepts. */
const ALWAYS_WRONG: unknown[] = ['a string', 42, [1, 2], { unexpected: 'key' }];

describe('contract: malformed arguments are bad-input for every operation', () => {
  test('the table covers every operation', () => {
    assert.deepEqual(Object.keys(CASES).sort(), Object.keys(operations).sort());
  });

  for (const channel of Object.keys(operations) as Channel[]) {
    test(channel, async () => {
      const service = fakeService();
      const dispatch = createDispatch(service.handlers);
      for (const args of [...CASES[channel], ...ALWAYS_WRONG]) {
        const r = await dispatch(channel, args);
        assert.equal(r.ok, false, `${channel} accepted ${JSON.stringify(args)}`);
        if (!r.ok) {
          assert.equal(r.error.kind, 'bad-input', `${channel} ${JSON.stringify(args)}`);
          assert.ok(r.error.message.length > 0);
        }
      }
      assert.deepEqual(service.calls, [], 'no handler ran');
    });
  }

  test('unknown operations and prototype names are bad-input', async () => {
    const service = fakeService();
    const dispatch = createDispatch(service.handlers);
    for (const channel of ['shell/exec', '__proto__', 'constructor', 'toString', '', 'interactions/page/../get']) {
      const r = await dispatch(channel, {});
      assert.equal(r.ok, false, channel);
      if (!r.ok) assert.equal(r.error.kind, 'bad-input');
    }
    assert.deepEqual(service.calls, []);
  });

  test('well-formed arguments reach the handler', async () => {
    const service = fakeService();
    const dispatch = createDispatch(service.handlers);
    const r = await dispatch('interactions/page', { filter: { text: 'atención' }, sort: { field: 'created', dir: 'desc' }, offset: 0, limit: 100 });
    assert.equal(r.ok, true);
    assert.equal(service.calls.length, 1);
  });
});
