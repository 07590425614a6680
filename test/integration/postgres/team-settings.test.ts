// Settings → Team cache through the composition root, against a real PostgreSQL server with TLS: the
// connection is saved in the user's preferences, the password in the keychain only (never in the file,
// never answered), "Connect" opens the team cache and closes it and says why it could not in a reason
// the UI words (wrong password, none saved, unreachable, certificate not proved, no such database, a
// database written by a newer app), and a team cache chosen but unreachable at start leaves the app
// open on this computer's cache with the reason.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import type { TeamStatus } from '../../../src-main/core/api/contract';
import { composeApp } from '../../../src-main/core/compose/index';
import { MemorySecretStore, teamPasswordAccount } from '../../../src-main/core/secrets/secret-store';
import type { AppService } from '../../../src-main/core/service/types';
import { call } from '../../helpers/e2e-app';
import { startPostgres } from '../../helpers/postgres-server';
import { tempDir } from '../../helpers/temp-dir';

const server = await startPostgres({ tls: true });
const dir = tempDir();
const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=Another CA', '-keyout', join(dir, 'k'), '-out', join(dir, 'stranger-ca.crt')]);
assert.equal(made.status, 0, String(made.stderr));
const strangerCa = join(dir, 'stranger-ca.crt');

/** A port nothing listens on (taken and released). */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

interface App {
  service: AppService;
  secrets: MemorySecretStore;
  dataDir: string;
  status(): Promise<TeamStatus>;
}

async function openApp(dataDir: string, secrets = new MemorySecretStore(), caFile: () => string | null = () => null): Promise<App> {
  const root = composeApp({ host: 'electron', dataDir, secrets, env: {}, log: () => {} });
  const service = await root.openService({ version: '0.0.0-test', chooseCaFile: async () => caFile() });
  return { service, secrets, dataDir, status: () => call<TeamStatus>(service, 'team/status', {}) };
}

const fields = (over: Partial<{ port: number; database: string; user: string; tls: 'verify-full' | 'disable' }> = {}) => ({
  host: '127.0.0.1', port: server.port, database: 'postgres', user: server.user, tls: 'verify-full' as const, ...over,
});
const problemOf = async (app: App) => (await call<{ problem: { reason: string; error: { kind: string; message: string } } | null }>(app.service, 'team/test', {})).problem;

test('the password goes to the keychain under its own account, never to preferences.json nor to the UI; Connect says why in reasons', async (t) => {
  const app = await openApp(tempDir());
  t.after(() => app.service.close());
  assert.equal((await app.status()).fields, null);

  let status = await call<TeamStatus>(app.service, 'team/save', fields({ tls: 'disable' }));
  assert.deepEqual(status.fields, fields({ tls: 'disable' }));
  assert.equal(status.passwordSaved, false);
  assert.equal(status.using, 'local');
  // The server asks for a password and none is saved: the reason says so (not "wrong password").
  assert.equal((await problemOf(app))?.reason, 'no-password');

  status = await call<TeamStatus>(app.service, 'team/password', { password: 'not-the-password' });
  assert.equal(status.passwordSaved, true);
  const account = teamPasswordAccount({ user: server.user, host: '127.0.0.1', port: server.port, database: 'postgres' });
  assert.deepEqual(app.secrets.accounts(), [account]);
  const wrong = await problemOf(app);
  assert.equal(wrong?.reason, 'auth');
  assert.equal(wrong?.error.kind, 'auth');

  await call(app.service, 'team/password', { password: server.password });
  assert.equal(await problemOf(app), null, 'the right password connects');
  // The same server, user and database keep their password when TLS changes.
  assert.equal((await call<TeamStatus>(app.service, 'team/save', fields())).passwordSaved, true);
  // verify-full with the system's authorities only: this server's throwaway CA is not among them.
  assert.equal((await problemOf(app))?.reason, 'tls');

  const prefsText = readFileSync(join(app.dataDir, 'preferences.json'), 'utf8');
  assert.ok(!prefsText.includes(server.password) && !prefsText.includes('not-the-password'), 'no password in preferences.json');
  assert.ok(!JSON.stringify(await app.status()).includes(server.password), 'no password in the status the UI gets');
  assert.ok(!JSON.stringify(await call(app.service, 'settings/get', {})).includes('127.0.0.1'), 'the team connection is not a UI setting');
});

test('the CA file is chosen in the host dialog; the right one connects, another CA is refused as a certificate not proved', async (t) => {
  let chosen: string | null = strangerCa;
  const app = await openApp(tempDir(), new MemorySecretStore(), () => chosen);
  t.after(() => app.service.close());
  await call(app.service, 'team/save', fields());
  await call(app.service, 'team/password', { password: server.password });
  let status = await call<TeamStatus>(app.service, 'team/choose-ca-file', {});
  assert.equal(status.caFileName, 'stranger-ca.crt');
  assert.equal(status.canChooseCaFile, true);
  assert.equal((await problemOf(app))?.reason, 'tls');

  chosen = server.caFile;
  status = await call<TeamStatus>(app.service, 'team/choose-ca-file', {});
  assert.equal((await problemOf(app)), null, 'verify-full with the server CA connects');

  // A closed dialog changes nothing and says so.
  chosen = null;
  await assert.rejects(call(app.service, 'team/choose-ca-file', {}), (e: Error & { kind?: string }) => e.kind === 'cancelled');
  assert.equal((await app.status()).caFileName, status.caFileName);

  // Saved again with clearCaFile, the CA file is forgotten.
  assert.equal((await call<TeamStatus>(app.service, 'team/save', { ...fields(), clearCaFile: true })).caFileName, null);
});

test('unreachable, no such database, and a database written by a newer app each have their reason', async (t) => {
  const app = await openApp(tempDir());
  t.after(() => app.service.close());
  await call(app.service, 'team/save', fields({ port: await closedPort(), tls: 'disable' }));
  await call(app.service, 'team/password', { password: server.password });
  const unreachable = await problemOf(app);
  assert.equal(unreachable?.reason, 'unreachable');
  assert.equal(unreachable?.error.kind, 'network');

  await call(app.service, 'team/save', fields({ database: 'no_such_db', tls: 'disable' }));
  await call(app.service, 'team/password', { password: server.password });
  assert.equal((await problemOf(app))?.reason, 'no-database');

  const newer = server.createDatabase('newer');
  await call(app.service, 'team/save', fields({ database: newer, tls: 'disable' }));
  await call(app.service, 'team/password', { password: server.password });
  assert.equal(await problemOf(app), null, 'a fresh database is prepared and closed');
  server.psql("INSERT INTO wolkvox.schema_migrations (version, name, checksum, applied_at) SELECT max(version) + 50, 'from the future', 'x', 0 FROM wolkvox.schema_migrations", newer);
  const problem = await problemOf(app);
  assert.equal(problem?.reason, 'newer', problem?.error.message);
});

test('off this machine TLS must be verify-full: the form is refused with a reason, and nothing is saved', async (t) => {
  const app = await openApp(tempDir());
  t.after(() => app.service.close());
  await assert.rejects(call(app.service, 'team/save', { ...fields(), host: 'db.example.com', tls: 'disable' }), (e: Error & { kind?: string }) => e.kind === 'bad-input' && /verify-full/.test(e.message));
  assert.equal((await app.status()).fields, null);
});

test('chosen but unreachable at start: the app opens on this computer\'s cache and says why; Leave forgets the choice', async (t) => {
  const dataDir = tempDir();
  const secrets = new MemorySecretStore();
  const first = await openApp(dataDir, secrets);
  await call(first.service, 'team/save', fields({ port: await closedPort(), tls: 'disable' }));
  await call(first.service, 'team/password', { password: server.password });
  const refused = await call<TeamStatus>(first.service, 'team/use', {});
  assert.equal(refused.using, 'local', 'a failed switch stays where it was');
  assert.equal(refused.problem?.reason, 'unreachable');
  assert.equal(refused.chosen, false, 'a switch that failed is not kept as the choice');
  await first.service.close();

  // Chosen (as a team cache that later went away would be): the next start falls back.
  const prefsPath = join(dataDir, 'preferences.json');
  const prefs = JSON.parse(readFileSync(prefsPath, 'utf8'));
  prefs.user.team.use = true;
  const { writeFileSync } = await import('node:fs');
  writeFileSync(prefsPath, JSON.stringify(prefs));

  const second = await openApp(dataDir, secrets);
  t.after(() => second.service.close());
  const status = await second.status();
  assert.equal(status.using, 'local');
  assert.equal(status.chosen, true);
  assert.equal(status.problem?.reason, 'unreachable');
  // The app works on the local cache meanwhile.
  assert.equal((await call<{ total: number }>(second.service, 'interactions/count', { filter: {} })).total, 0);
  const left = await call<TeamStatus>(second.service, 'team/leave', {});
  assert.equal(left.chosen, false);
  assert.equal(left.problem, null);
  assert.equal(left.using, 'local');
});
