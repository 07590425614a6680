import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
// The serializer electron-builder itself writes app-update.yml with (PublishManager, AppImage and deb targets).
import { serializeToYaml } from 'builder-util';
import type { MessageBoxOptions } from 'electron';
import {
  decideUpdates,
  isAllowedFeedUrl,
  parseAppUpdateYml,
  readFeed,
  RECHECK_MS,
  restartPrompt,
  startUpdates,
  type UpdateDecision,
  type UpdateFeed,
  type UpdaterLike,
} from '../../src-main/electron/updates';

const FEED: UpdateFeed = { provider: 'generic', url: 'https://updates.example.com/wolkvox', publisherName: ['Wolkvox S.A.S.'] };

test('only an https URL with a host and no credentials is a feed', () => {
  for (const ok of ['https://updates.example.com/wolkvox', 'https://10.0.0.5:8443/feed/', 'https://updates.example.com/a?b=c']) {
    assert.equal(isAllowedFeedUrl(ok), true, ok);
  }
  for (const bad of [
    'http://updates.example.com/wolkvox',
    'file:///C:/updates',
    'ftp://updates.example.com/',
    'javascript:alert(1)',
    'https://user:secret@updates.example.com/',
    'https://user@updates.example.com/',
    'app://wolkvox/index.html',
    'updates.example.com/wolkvox',
    '',
  ]) {
    assert.equal(isAllowedFeedUrl(bad), false, bad);
  }
});

test('app-update.yml as electron-builder serializes it is read back, quoted publisher names included', () => {
  const written = serializeToYaml({
    provider: 'generic',
    url: 'https://updates.example.com/wolkvox audit/',
    updaterCacheDirName: 'wolkvox-audit-updater',
    publisherName: ['Wolkvox S.A.S.', "O'Brien: Ltd", '#1 corp', 'yes'],
  });
  assert.deepEqual(parseAppUpdateYml(written), {
    provider: 'generic',
    url: 'https://updates.example.com/wolkvox audit/',
    publisherName: ['Wolkvox S.A.S.', "O'Brien: Ltd", '#1 corp', 'yes'],
  });
  // An unsigned build: no publisherName key at all.
  const unsigned = serializeToYaml({ provider: 'generic', url: 'https://u.example.com/', updaterCacheDirName: 'x' });
  assert.deepEqual(parseAppUpdateYml(unsigned), { provider: 'generic', url: 'https://u.example.com/', publisherName: [] });
  assert.equal(parseAppUpdateYml('updaterCacheDirName: x\n'), null);
  assert.equal(parseAppUpdateYml(''), null);
});

test('readFeed finds app-update.yml in the resources folder and is null without it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wolkvox-updates-'));
  try {
    assert.equal(readFeed(dir), null);
    writeFileSync(join(dir, 'app-update.yml'), serializeToYaml({ provider: 'generic', url: FEED.url, publisherName: FEED.publisherName }));
    assert.deepEqual(readFeed(dir), FEED);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('updates are looked for only in a packaged, signed-capable build with an https generic feed', () => {
  const base = { packaged: true, platform: 'win32' as NodeJS.Platform, feed: FEED as UpdateFeed | null, env: {} };
  assert.deepEqual(decideUpdates(base), { check: true, feed: FEED });
  assert.deepEqual(decideUpdates({ ...base, platform: 'darwin', feed: { ...FEED, publisherName: [] } }), {
    check: true,
    feed: { ...FEED, publisherName: [] },
  });
  const off = (input: Partial<typeof base>): string => {
    const d = decideUpdates({ ...base, ...input });
    assert.equal(d.check, false);
    return d.check ? '' : d.reason;
  };
  assert.match(off({ packaged: false }), /development/);
  assert.match(off({ feed: null }), /no update feed/);
  assert.match(off({ feed: { ...FEED, url: 'http://updates.example.com/wolkvox' } }), /not an https URL/);
  assert.match(off({ feed: { ...FEED, provider: 'github' } }), /not the generic/);
  assert.match(off({ feed: { ...FEED, publisherName: [] } }), /unsigned Windows build/);
  assert.match(off({ platform: 'linux' }), /Linux/);
  assert.match(off({ env: { WOLKVOX_AUDIT_NO_UPDATES: '1' } }), /WOLKVOX_AUDIT_NO_UPDATES/);
  // Any other value leaves them on.
  assert.equal(decideUpdates({ ...base, env: { WOLKVOX_AUDIT_NO_UPDATES: '0' } }).check, true);
});

test('the restart question offers Restart now first and Later as the cancel, in the OS language', () => {
  const en = restartPrompt('1.2.0', 'en-US');
  assert.deepEqual(en.buttons, ['Restart now', 'Later']);
  assert.equal(en.defaultId, 0);
  assert.equal(en.cancelId, 1);
  assert.match(en.message, /1\.2\.0/);
  assert.deepEqual(restartPrompt('1.2.0', 'es-CO').buttons, ['Reiniciar ahora', 'Más tarde']);
});

/** electron-updater's AppUpdater as far as startUpdates uses it: an EventEmitter with recorded calls. */
class FakeUpdater extends EventEmitter implements UpdaterLike {
  autoDownload = false;
  autoInstallOnAppQuit = true;
  checks = 0;
  installs: Array<[boolean | undefined, boolean | undefined]> = [];
  failCheck: Error | null = null;
  checkForUpdates(): Promise<unknown> {
    this.checks++;
    return this.failCheck ? Promise.reject(this.failCheck) : Promise.resolve(null);
  }
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void {
    this.installs.push([isSilent, isForceRunAfter]);
  }
}

/** Lets every pending promise callback (the dialog's answer and what follows it) run. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function rig(decision: UpdateDecision, answers: number[]) {
  const updater = new FakeUpdater();
  const asked: MessageBoxOptions[] = [];
  const log: string[] = [];
  const timers: Array<{ ms: number; cancelled: boolean; fn: () => void }> = [];
  let created = 0;
  const start = startUpdates({
    decision,
    updater: async () => {
      created++;
      return updater;
    },
    ask: async (options) => {
      asked.push(options);
      return { response: answers.shift() ?? 1 };
    },
    locale: 'en-US',
    log: (line) => log.push(line),
    every: (fn, ms) => {
      const timer = { ms, cancelled: false, fn };
      timers.push(timer);
      return () => {
        timer.cancelled = true;
      };
    },
  });
  return { updater, asked, log, timers, start, created: () => created };
}

test('with updates off the updater is never even loaded', async () => {
  const r = rig({ check: false, reason: 'this build has no update feed (no app-update.yml)' }, []);
  const stop = await r.start;
  stop();
  assert.equal(r.created(), 0);
  assert.equal(r.timers.length, 0);
  assert.match(r.log.join('\n'), /updates: off \(this build has no update feed/);
});

test('a downloaded update installs only after Restart now, never on quit', async () => {
  const r = rig({ check: true, feed: FEED }, [0]);
  const stop = await r.start;
  assert.equal(r.updater.autoDownload, true);
  assert.equal(r.updater.autoInstallOnAppQuit, false);
  assert.equal(r.updater.checks, 1);
  assert.equal(r.timers.length, 1);
  assert.equal(r.timers[0]!.ms, RECHECK_MS);
  assert.deepEqual(r.updater.installs, []);

  r.updater.emit('update-downloaded', { version: '0.2.0' });
  await settle();
  assert.equal(r.asked.length, 1);
  assert.deepEqual(r.asked[0]!.buttons, ['Restart now', 'Later']);
  assert.deepEqual(r.updater.installs, [[true, true]]);

  r.timers[0]!.fn();
  assert.equal(r.updater.checks, 2);
  stop();
  assert.equal(r.timers[0]!.cancelled, true);
});

test('Later keeps the running version and is not asked again for the same version this session', async () => {
  const r = rig({ check: true, feed: FEED }, [1, 1]);
  await r.start;
  r.updater.emit('update-downloaded', { version: '0.2.0' });
  await settle();
  r.updater.emit('update-downloaded', { version: '0.2.0' });
  await settle();
  assert.equal(r.asked.length, 1);
  assert.deepEqual(r.updater.installs, []);
  // A newer version found by a later check is asked about.
  r.updater.emit('update-downloaded', { version: '0.3.0' });
  await settle();
  assert.equal(r.asked.length, 2);
  assert.deepEqual(r.updater.installs, []);
});

test('a second download while the question is open does not stack a second dialog', async () => {
  const r = rig({ check: true, feed: FEED }, [1]);
  await r.start;
  r.updater.emit('update-downloaded', { version: '0.2.0' });
  r.updater.emit('update-downloaded', { version: '0.3.0' });
  await settle();
  assert.equal(r.asked.length, 1);
});

test('a failed check or an updater error is logged, never thrown (the app works offline)', async () => {
  const r = rig({ check: true, feed: FEED }, []);
  r.updater.failCheck = new Error('net::ERR_INTERNET_DISCONNECTED');
  await r.start;
  await settle();
  r.updater.emit('error', new Error('sha512 checksum mismatch'));
  const text = r.log.join('\n');
  assert.match(text, /check failed: net::ERR_INTERNET_DISCONNECTED/);
  assert.match(text, /sha512 checksum mismatch/);
  assert.deepEqual(r.updater.installs, []);
});
