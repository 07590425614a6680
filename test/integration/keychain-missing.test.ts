import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, test } from 'node:test';
import { runCli } from '../../src-main/cli/main';
import { AppError } from '../../src-main/core/errors';
import { KeytarSecretStore, type KeytarModule } from '../../src-main/core/secrets/keytar-store';
import { openAppService } from '../helpers/open-service';
import { TokenAccess } from '../../src-main/core/service/tokens';
import { startSimulator, type Simulator } from '../../src-main/sim/server';
import { tempDir } from '../helpers/temp-dir';

// A machine where npm dropped keytar (its native build failed): the real require of 'keytar', from a folder
// with no node_modules, fails as it does there (MODULE_NOT_FOUND).
const missingKeytar = () => createRequire(join(tempDir('wolkvox-no-keytar-'), 'x.js'))('keytar') as KeytarModule;
const INSTALL =
  'The system keychain module (keytar) is not installed: on Debian/Ubuntu run `sudo apt-get install libsecret-1-dev` then `npm install` again (or set WOLKVOX_TOKEN).';

let sim: Simulator;
before(async () => {
  sim = await startSimulator({ tokens: ['missing-keytar-secret'], dataset: { from: '2026-01-01', to: '2026-01-05', rowsPerDay: 10 } });
});
after(() => sim.stop());

function cliIo(env: NodeJS.ProcessEnv) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  const stdin = new PassThrough();
  stdin.end('some-token\n');
  return { io: { stdin, stdout, stderr, env }, text: () => ({ out, err }) };
}

test('a missing keytar says exactly what to install, at the first keychain call only', async () => {
  const store = new KeytarSecretStore({ load: missingKeytar, platform: 'linux' });
  const error = await store.get('wolkvox-token:0032').then(() => null, (e: unknown) => e);
  assert.ok(error instanceof AppError);
  assert.equal(error.kind, 'storage');
  assert.equal(error.message, INSTALL);
  const mac = new KeytarSecretStore({ load: missingKeytar, platform: 'darwin' });
  await assert.rejects(mac.set('a', 'b'), { message: 'The system keychain module (keytar) is not installed: run `npm install` again (or set WOLKVOX_TOKEN).' });
});

test('CLI without keytar: token commands name the package; sync exits 3 and names both ways to give a token', async () => {
  const secrets = new KeytarSecretStore({ load: missingKeytar, platform: 'linux' });
  const dataDir = tempDir('wolkvox-no-keytar-cli-');
  for (const action of ['set', 'status']) {
    const t = cliIo({ WOLKVOX_AUDIT_DATA_DIR: dataDir });
    assert.equal(await runCli(['token', action, '--server', '0032'], { io: t.io, secrets }), 1);
    assert.equal(t.text().err, `Error (storage): ${INSTALL}\n`);
  }
  const s = cliIo({ WOLKVOX_AUDIT_DATA_DIR: dataDir });
  const code = await runCli(['sync', '--server', '0032', '--from', '2026-01-02', '--to', '2026-01-02', '--base-url', sim.url], { io: s.io, secrets });
  assert.equal(code, 3, s.text().err);
  assert.ok(s.text().err.includes(INSTALL.replace(/\.$/, '')), s.text().err);
  assert.match(s.text().err, /token set --server 0032/);
  // WOLKVOX_TOKEN needs no keychain at all.
  const e = cliIo({ WOLKVOX_AUDIT_DATA_DIR: dataDir, WOLKVOX_TOKEN: 'missing-keytar-secret' });
  assert.equal(await runCli(['sync', '--server', '0032', '--from', '2026-01-02', '--to', '2026-01-02', '--base-url', sim.url], { io: e.io, secrets }), 0, e.text().err);
});

test('a keychain read failure is an auth error for sync, with the cause kept', async () => {
  const tokens = new TokenAccess(new KeytarSecretStore({ load: missingKeytar, platform: 'linux' }), {});
  await assert.rejects(tokens.resolve('0032'), (e: unknown) => e instanceof AppError && e.kind === 'auth' && e.message.includes('libsecret-1-dev'));
});

test('the app without keytar opens, and its sync reports the missing token as auth with the install line', async () => {
  const service = await openAppService({
    dataDir: tempDir('wolkvox-no-keytar-app-'),
    secrets: new KeytarSecretStore({ load: missingKeytar, platform: 'linux' }),
    host: 'browser',
    version: '0.0.0-test',
    env: {},
    log: () => {},
  });
  try {
    const h = service.handlers as unknown as Record<string, (a: unknown) => Promise<unknown>>;
    const profile = (await h['profiles/save']!({ name: 'No keytar', server: '0032', zone: 'America/Bogota', baseUrl: sim.url })) as { id: string };
    const finished = new Promise<{ error: { kind: string; message: string } | null }>((resolve) => {
      const off = service.subscribe((event, payload) => {
        if (event !== 'sync/finished') return;
        off();
        resolve((payload as { run: { error: { kind: string; message: string } | null } }).run);
      });
    });
    await h['sync/start']!({ profileId: profile.id, range: { preset: 'last7' } });
    const run = await finished;
    assert.equal(run.error?.kind, 'auth');
    assert.match(run.error?.message ?? '', /libsecret-1-dev/);
    assert.match(run.error?.message ?? '', /WOLKVOX_TOKEN/);
  } finally {
    await service.close();
  }
});
