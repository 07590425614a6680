import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { MemorySecretStore } from '../src-main/core/secrets/secret-store';
import { openAppService } from '../test/helpers/open-service';
import type { AppService } from '../src-main/core/service/types';
import { simProcess } from './sim-process';
import { longestStall } from './store-measure';

/**
 * Review saves while a sync writes 60,000-row windows: how long each save waits (it lands after the
 * window's transaction) and the serving thread's longest stall meanwhile (target <= 50 ms; it used to
 * sleep in SQLite's busy handler for the whole window).
 */
export async function benchReviewStall(opts: { dir: string; log: (line: string) => void }): Promise<Record<string, number>> {
  const dataDir = join(opts.dir, 'review-stall');
  mkdirSync(dataDir, { recursive: true });
  const sim = await simProcess(['--from', '2026-11-01', '--to', '2026-11-02', '--rows-per-day', '60000', '--token', 't', '--quota', '1000']);
  const service = await openAppService({ dataDir, secrets: new MemorySecretStore(), host: 'browser', version: 'bench', env: {} });
  try {
    const profile = await service.handlers['profiles/save']({ name: 'Bench', server: '0032', zone: 'America/Bogota', baseUrl: sim.url });
    await service.handlers['token/set']({ profileId: profile.id, token: 't' });
    await syncDay(service, profile.id, '2026-11-01');
    const { rows } = await service.handlers['interactions/page']({ filter: {}, offset: 0, limit: 1 });
    const uid = rows[0]!.uid;
    const saves: number[] = [];
    const stall = await longestStall(async () => {
      const synced = syncDay(service, profile.id, '2026-11-02');
      let done = false;
      void synced.then(() => (done = true));
      while (!done) {
        const t = performance.now();
        await service.handlers['reviews/save']({ uid, status: 'pass', note: `save ${saves.length}` });
        saves.push(performance.now() - t);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });
    const slowest = Math.max(...saves);
    opts.log(`review saves during a 60,000-row sync: ${saves.length} saves, slowest ${slowest.toFixed(0)} ms; longest stall of the serving thread ${stall.toFixed(0)} ms (target <= 50)`);
    return { reviewSaves: saves.length, reviewSaveMaxMs: slowest, reviewStallMaxMs: stall };
  } finally {
    await service.close();
    sim.stop();
  }
}

async function syncDay(service: AppService, profileId: string, day: string): Promise<void> {
  const finished = new Promise<void>((resolve) => {
    const off = service.subscribe((event) => event === 'sync/finished' && (off(), resolve()));
  });
  await service.handlers['sync/start']({ profileId, range: { from: day, to: day } });
  await finished;
}
