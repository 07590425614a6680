import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { SyncProgress, SyncRun } from '../../src-main/core/api/contract';
import { parseDateRange } from '../../src-main/core/time/date-input';
import { ZoneConverter } from '../../src-main/core/time/zone';
import { checkDayRange } from '../../src-renderer/format/day-range';
import { EMPTY_FILTER_STATE, type FilterState } from '../../src-renderer/state/filter';
import { chipKey, filterChips, sortOf } from '../../src-renderer/state/filter-chips';
import { statusRun, withRun } from '../../src-renderer/state/sync-runs';
import { runCliProcess } from '../helpers/cli-run';
import { tempDir } from '../helpers/temp-dir';

test('a typed range of days: complete and ordered, still being typed, or backwards', () => {
  assert.equal(checkDayRange('', ''), 'ok');
  assert.equal(checkDayRange('2026-05-01', ''), 'ok');
  assert.equal(checkDayRange('', '2026-05-01'), 'ok');
  assert.equal(checkDayRange('2026-05-01', '2026-05-01'), 'ok', 'one whole day');
  assert.equal(checkDayRange('2026-05-01', '2026-05-03'), 'ok');
  assert.equal(checkDayRange('2026-05-03', '2026-05-01'), 'backwards');
  assert.equal(checkDayRange('2026-12-31', '2027-01-01'), 'ok');
  assert.equal(checkDayRange('2027-01-01', '2026-12-31'), 'backwards');
  // Chromium reports the year as it is typed: 0002, 0020, 0202, then 2026.
  for (const partial of ['0002-05-01', '0020-05-01', '0202-05-01', '1999-05-01']) {
    assert.equal(checkDayRange('2026-05-03', partial), 'incomplete', partial);
    assert.equal(checkDayRange(partial, ''), 'incomplete', partial);
  }
});

test('chips: one per thing that narrows or orders the grid, in the panel order, each with its own key', () => {
  assert.deepEqual(filterChips(EMPTY_FILTER_STATE, null), []);
  const state: FilterState = {
    ...EMPTY_FILTER_STATE,
    text: '  refund  ',
    preset: 'custom',
    custom: { from: '2026-05-01', to: '2026-05-03' },
    selections: { channel: ['email', 'whatsapp'], agent_name: ['Ana'], status: [] },
    reviewStatuses: ['fail'],
    sample: { id: 3, name: 'May' },
  };
  const chips = filterChips(state, { colId: 'agent_name', dir: 'desc' });
  assert.deepEqual(chips, [
    { kind: 'text', text: 'refund' },
    { kind: 'date', preset: 'custom', from: '2026-05-01', to: '2026-05-03' },
    { kind: 'review', status: 'fail' },
    { kind: 'facet', field: 'agent_name', value: 'Ana' },
    { kind: 'facet', field: 'channel', value: 'email' },
    { kind: 'facet', field: 'channel', value: 'whatsapp' },
    { kind: 'sort', colId: 'agent_name', dir: 'desc' },
  ]);
  const keys = chips.map(chipKey);
  assert.equal(new Set(keys).size, keys.length);
  // A custom range with no day typed narrows nothing; a preset does.
  assert.deepEqual(filterChips({ ...EMPTY_FILTER_STATE, preset: 'custom' }, null), []);
  assert.deepEqual(filterChips({ ...EMPTY_FILTER_STATE, preset: 'today' }, null), [{ kind: 'date', preset: 'today', from: '', to: '' }]);
  // The empty value (no agent) is a value like any other.
  assert.deepEqual(filterChips({ ...EMPTY_FILTER_STATE, selections: { agent_name: [''] } }, null), [{ kind: 'facet', field: 'agent_name', value: '' }]);
});

test('the sort chip comes from the saved column state', () => {
  assert.equal(sortOf(null), null);
  assert.equal(sortOf([{ colId: 'a' }, { colId: 'b', sort: null }]), null);
  assert.deepEqual(sortOf([{ colId: 'a', sort: null }, { colId: 'b', sort: 'asc' }]), { colId: 'b', dir: 'asc' });
});

test('the sync status speaks of the running run while one runs, not of the last that ended', () => {
  const rejected: SyncRun = {
    id: 7, server: '0032', mode: 'range', startUtc: 0, endUtc: 1, status: 'failed', startedAt: 100, finishedAt: 200,
    calls: 1, rows: 0, inserted: 0, updated: 0, error: { kind: 'auth', message: 'Token rejected' },
  };
  assert.equal(statusRun(rejected, null, null, 10_000), rejected);
  // Started from this window, no progress yet (the first call has not answered): running, not rejected.
  const starting = statusRun(rejected, null, 9_000, 10_000)!;
  assert.equal(starting.status, 'running');
  assert.equal(starting.startedAt, 9_000);
  assert.equal(starting.error, null);
  const progress: SyncProgress = {
    runId: 8, startUtc: 5, endUtc: 9, coveredUtc: 6, windowsDone: 1, windowsLeft: 2, calls: 1, rows: 40, inserted: 30, updated: 10, elapsedMs: 3_000, etaMs: null,
  };
  const shown = statusRun(rejected, progress, 9_000, 10_000)!;
  assert.equal(shown.id, 8);
  assert.equal(shown.status, 'running');
  assert.equal(shown.error, null);
  assert.equal(shown.startedAt, 7_000);
  assert.equal(shown.rows, 40);
  assert.equal(statusRun(null, progress, null, 10_000)!.status, 'running');
});

test('the history names the run the status names: listed in its place, new at the head, never one that was not recorded', () => {
  const run = (id: number, status: SyncRun['status']): SyncRun => ({
    id, server: '0032', mode: 'range', startUtc: 0, endUtc: 1, status, startedAt: id * 10, finishedAt: status === 'running' ? null : id * 10 + 5,
    calls: 1, rows: 0, inserted: 0, updated: 0, error: null,
  });
  const older = [run(4, 'done'), run(3, 'done')];
  // A sync that ended between the reads of the status and the history: its run heads the list.
  assert.deepEqual(withRun(older, run(5, 'done'), 10).map((r) => r.id), [5, 4, 3]);
  // Listed while running: replaced in its place by how it ended.
  assert.equal(withRun([run(5, 'running'), ...older], run(5, 'done'), 10)[0]!.status, 'done');
  // An older run than the head (a stale status) changes nothing; a run that failed before its first call (id 0) is no history.
  assert.deepEqual(withRun(older, run(2, 'done'), 10), older);
  assert.deepEqual(withRun(older, { ...run(0, 'failed') }, 10), older);
  assert.equal(withRun(older, null, 10), older);
  // The list keeps its length.
  assert.deepEqual(withRun(older, run(5, 'done'), 2).map((r) => r.id), [5, 4]);
});

test('a backwards range: the app says it in words, the CLI keeps naming its flags', async () => {
  const zone = new ZoneConverter('America/Bogota');
  assert.throws(
    () => parseDateRange('2026-05-03', '2026-05-01', zone),
    (e: Error & { kind?: string }) => e.kind === 'bad-input' && !e.message.includes('--') && e.message.includes('2026-05-03') && e.message.includes('2026-05-01'),
  );
  const day = parseDateRange('2026-05-01', '2026-05-01', zone);
  assert.equal(day.endUtc - day.startUtc, 86_400_000, 'one whole day is a range');
  // The CLI is a public contract: its message and exit code stay as scheduled jobs know them.
  const cli = await runCliProcess(['sync', '--server', '0032', '--from', '2026-05-03', '--to', '2026-05-01', '--db', join(tempDir('wolkvox-calm-cli-'), 'c.sqlite')], {});
  assert.equal(cli.code, 2);
  assert.match(cli.stderr, /The range is backwards or empty: --from 2026-05-03 is not before --to 2026-05-01\./);
});
