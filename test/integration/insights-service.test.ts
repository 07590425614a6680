import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../../src-main/core/errors';
import { InsightsService } from '../../src-main/core/service/insights';
import type { Insights } from '../../src-main/core/insights/insights-types';
import type { StoreReader } from '../../src-main/core/store/sqlite/threads/reader';

/** A reader whose answers the test releases one by one, recording what it was asked. */
function heldReader() {
  const asked: string[] = [];
  const release: (() => void)[] = [];
  const reader = {
    insights: (filter: { agents?: string[] }, zone: string) =>
      new Promise<Insights>((resolve) => {
        asked.push(`${filter.agents?.[0] ?? '*'}@${zone}`);
        release.push(() => resolve({ zone, total: asked.length } as Insights));
      }),
  } as unknown as StoreReader;
  return { reader, asked, release };
}

const flush = () => new Promise((r) => setImmediate(r));

test('a burst of filter changes runs the first and the last only; the ones between answer cancelled', async () => {
  const { reader, asked, release } = heldReader();
  const service = new InsightsService(reader);
  const a = service.get({ agents: ['A'] }, 'America/Bogota');
  const b = service.get({ agents: ['B'] }, 'America/Bogota');
  const c = service.get({ agents: ['C'] }, 'America/Bogota');
  const cAgain = service.get({ agents: ['C'] }, 'America/Bogota');
  await assert.rejects(b, (e: unknown) => e instanceof AppError && e.kind === 'cancelled');
  assert.deepEqual(asked, ['A@America/Bogota'], 'one at a time');
  release[0]!();
  assert.equal((await a).zone, 'America/Bogota');
  await flush();
  assert.deepEqual(asked, ['A@America/Bogota', 'C@America/Bogota'], 'B never ran');
  release[1]!();
  assert.equal(await c, await cAgain, 'the same request waiting is shared');
});

test('an unknown zone is refused as bad input before any work', async () => {
  const { reader, asked } = heldReader();
  const service = new InsightsService(reader);
  await assert.rejects(service.get({}, 'Mars/Olympus'), (e: unknown) => e instanceof AppError && e.kind === 'bad-input');
  assert.deepEqual(asked, []);
});
