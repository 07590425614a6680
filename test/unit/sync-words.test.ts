import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SyncRun } from '../../src-main/core/api/contract';

// The renderer's i18n reads the browser's languages when it loads; Node 20 has no navigator.
Object.defineProperty(globalThis, 'navigator', { value: { languages: ['en-US'], language: 'en-US' }, configurable: true });
const { makeI18n } = await import('../../src-renderer/i18n/index');
const { runWords } = await import('../../src-renderer/sync/words');

const base: SyncRun = {
  id: 0, server: '0032', mode: 'range', startUtc: 0, endUtc: 0, status: 'failed', startedAt: 0, finishedAt: 0,
  calls: 0, rows: 0, inserted: 0, updated: 0, error: null,
};
const noKeychain = 'No Wolkvox token for server 0032: The system keychain module (keytar) is not installed: on Debian/Ubuntu run `sudo apt-get install libsecret-1-dev` then `npm install` again (or set WOLKVOX_TOKEN). Give the token with "token set --server 0032" (or in Settings), or set WOLKVOX_TOKEN.';

test('a sync with no token to use shows why and how to give one, not "rejected by Wolkvox"', () => {
  for (const lang of ['en', 'es'] as const) {
    const words = runWords(makeI18n(lang), { ...base, error: { kind: 'auth', message: noKeychain } }, 'America/Bogota');
    assert.equal(words.tone, 'error');
    assert.ok(words.text.endsWith(noKeychain), words.text);
    assert.doesNotMatch(words.text, /rejected|rechazó/);
  }
});

test('a token Wolkvox rejected during a recorded run still says so', () => {
  const words = runWords(makeI18n('en'), { ...base, id: 12, calls: 1, error: { kind: 'auth', message: 'HTTP 401' } }, 'America/Bogota');
  assert.equal(words.text, 'Token rejected by Wolkvox: check it in Settings.');
});
