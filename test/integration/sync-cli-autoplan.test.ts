import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ZoneConverter } from '../../src-main/core/time/zone';
import { startSimulator, type Simulator } from '../../src-main/sim/server';
import { runCliProcess } from '../helpers/cli-run';
import { tempDir } from '../helpers/temp-dir';

const TOKEN = 'cli-autoplan-token-51c2';
const bogota = new ZoneConverter('America/Bogota');
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const dir = tempDir('wolkvox-cli-auto-');
/** Local midnight `days` days from today, and its date. */
function midnight(days: number): { utc: number; date: string } {
  const date = bogota.format(Date.now() + days * DAY).slice(0, 10);
  return { utc: bogota.parseToUtc(`${date} 00:00:00`)!, date };
}
let sim: Simulator;

before(async () => {
  // The CLI runs on the real clock, so the data set is the default one: the 28 days before today.
  sim = await startSimulator({ tokens: [TOKEN], quotaPerDay: 100_000, dataset: { rowsPerDay: 200 } });
});
after(() => sim.stop());

const env = { WOLKVOX_AUDIT_DATA_DIR: join(dir, 'data'), WOLKVOX_TOKEN: TOKEN };
const args = (...more: string[]) => ['sync', '--server', '0032', '--base-url', sim.url, ...more];

async function dryRun(...more: string[]) {
  const r = await runCliProcess(args('--incremental', '--dry-run', '--json', ...more), env);
  assert.equal(r.code, 0, r.stderr);
  const plan = JSON.parse(r.stdout) as { from: string; to: string; autoSyncDaily: { calls: number; rows: number }; refreshes?: string[] };
  return { ...plan, fromUtc: bogota.parseToUtc(plan.from)!, toUtc: bogota.parseToUtc(plan.to)! };
}

test('sync --incremental plans as auto-sync does, shows the daily cost, and --overlap-hours keeps the fixed overlap', async () => {
  const first = await runCliProcess(args('--from', midnight(-9).date, '--to', midnight(-1).date), env);
  assert.equal(first.code, 0, first.stderr);

  const before = sim.stats().requests;
  const planned = await dryRun();
  assert.ok(planned.refreshes?.includes('full'), 'never refreshed: the daily refresh is due');
  assert.ok(planned.fromUtc <= midnight(-2).utc, `from ${planned.from}: at least 48 h before the last covered instant (today 00:00)`);
  assert.ok(planned.fromUtc >= Date.now() - 7 * DAY - MIN, `from ${planned.from}: open interactions no more than a week back`);
  assert.ok(planned.autoSyncDaily.calls >= 288, 'a day of 5-minute ticks is at least one call each');
  assert.ok(planned.autoSyncDaily.rows > 0 && planned.autoSyncDaily.rows < 288 * 200, `${planned.autoSyncDaily.rows} rows a day at 200 a day`);
  assert.equal(sim.stats().requests, before, 'a dry run calls nothing');

  const run = await runCliProcess(args('--incremental'), env);
  assert.equal(run.code, 0, run.stderr);

  const next = await dryRun();
  assert.deepEqual(next.refreshes, ['new'], 'right after a refresh, only what is new');
  assert.ok(next.toUtc - next.fromUtc <= 10 * MIN, `from ${next.from} to ${next.to}: the last covered instant minus 5 minutes`);
  const fixed = await dryRun('--overlap-hours', '48');
  assert.equal(fixed.refreshes, undefined);
  assert.ok(Math.abs(fixed.toUtc - fixed.fromUtc - 48 * HOUR) <= 2 * MIN, `from ${fixed.from} to ${fixed.to}: an explicit overlap is re-asked whole`);
});
