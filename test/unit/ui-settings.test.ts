import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SettingsRepo } from '../../src-main/core/service/settings-repo';
import { UiSettings } from '../../src-main/core/service/ui-settings';
import type { SettingsChange, SettingValues } from '../../src-main/core/store/store';

/** Settings in memory whose writes wait until the test lets them land (a cache busy with a sync). */
function heldSettings() {
  const values = new Map<string, string | null>();
  const held: (() => void)[] = [];
  const store = {
    getSetting: async (key: string) => values.get(key) ?? null,
    updateSettings: <T>(keys: readonly string[], change: (current: SettingValues) => SettingsChange<T>) =>
      new Promise<T>((resolve) =>
        held.push(() => {
          const { writes, result } = change(Object.fromEntries(keys.map((k) => [k, values.get(k) ?? null])));
          for (const [k, v] of Object.entries(writes)) values.set(k, v);
          resolve(result);
        }),
      ),
  };
  return { repo: new SettingsRepo(store), held };
}

test('a read of the UI settings waits for the change still being saved, and sees it; other keys are kept', async () => {
  const { repo, held } = heldSettings();
  const ui = new UiSettings(repo);
  const first = ui.set('language', 'es');
  held.shift()!();
  await first;
  const rename = ui.set('reviewer', 'Ana');
  let read: Record<string, unknown> | null = null;
  const reading = ui.get().then((v) => (read = v));
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(read, null, 'the read waits while the change is held');
  held.shift()!();
  await rename;
  await reading;
  assert.deepEqual(read, { language: 'es', reviewer: 'Ana' });
});

test('a change that fails does not block later reads', async () => {
  const store = {
    getSetting: async () => '{"reviewer":"Luis"}',
    updateSettings: async () => {
      throw new Error('disk full');
    },
  };
  const ui = new UiSettings(new SettingsRepo(store));
  await assert.rejects(ui.set('reviewer', 'Ana'), /disk full/);
  assert.deepEqual(await ui.get(), { reviewer: 'Luis' });
});
