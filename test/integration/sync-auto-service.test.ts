import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemorySecretStore } from '../../src-main/core/secrets/secret-store';
import { openAppService } from '../helpers/open-service';
import { startSimulator } from '../../src-main/sim/server';
import { NOW } from '../helpers/sync-rig';
import { tempDir } from '../helpers/temp-dir';

const MIN = 60_000;
const HOUR = 60 * MIN;

/** The app's own timer, on a 1-second interval here: its ticks follow the planner, not a fixed 48 h overlap. */
test('the auto-sync timer takes the 48 h once, then only what is new since the last covered instant', async () => {
  let clock = NOW;
  const sim = await startSimulator({ tokens: ['auto-token'], now: () => clock, dataset: { from: '2026-02-25', to: '2026-03-01', rowsPerDay: 100 } });
  const service = await openAppService({
    dataDir: tempDir('wolkvox-auto-'), secrets: new MemorySecretStore(), host: 'browser', version: 'test', env: {}, now: () => clock, log: () => {},
    autoSyncIntervalMs: 1000,
  });
  try {
    const profile = await service.handlers['profiles/save']({ name: 'Auto', server: '0032', zone: 'America/Bogota', baseUrl: sim.url });
    await service.handlers['token/set']({ profileId: profile.id, token: 'auto-token' });
    const runEnding = async (endUtc: number) => {
      for (;;) {
        const runs = await service.handlers['sync/history']({ limit: 50 });
        const run = runs.find((r) => r.endUtc === endUtc && r.status === 'done');
        if (run) return run;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    };
    await service.handlers['sync/auto']({ profileId: profile.id, enabled: true });
    const first = await runEnding(NOW);
    assert.equal(first.mode, 'incremental');
    assert.equal(first.startUtc, NOW - 48 * HOUR, 'nothing cached yet: the 48 h overlap');

    clock = NOW + 5 * MIN;
    const next = await runEnding(NOW + 5 * MIN);
    assert.equal(next.startUtc, NOW - 5 * MIN, 'the next tick asks from the last covered instant minus 5 minutes');
    assert.equal(next.calls, 1);

    const plan = await service.handlers['sync/plan']({ profileId: profile.id, range: { preset: 'today' } });
    assert.ok(plan.autoSyncDaily.calls >= 288, `${plan.autoSyncDaily.calls} calls a day`);
    assert.ok(plan.autoSyncDaily.rows > 0, 'the daily cost counts rows at the cached pace');
  } finally {
    await service.close();
    await sim.stop();
  }
});
