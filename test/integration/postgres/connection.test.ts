// Connecting to the team cache: TLS as the configuration asks (store/postgres/connection.ts), against a real server with
// a certificate for 127.0.0.1 signed by a throwaway CA: verify-full checks the chain and the name, verify-ca
// the chain only, and a wrong CA or a wrong name is refused before any password is sent; and a failed connection says why, with its error kind.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { isAppError } from '../../../src-main/core/errors';
import { PostgresConfig, type PostgresFields } from '../../../src-main/core/store/postgres/config';
import { connectPostgres } from '../../../src-main/core/store/postgres/connection';
import { startPostgres } from '../../helpers/postgres-server';
import { tempDir } from '../../helpers/temp-dir';

const server = await startPostgres({ tls: true });
// Another CA, which signed nothing of this server.
const dir = tempDir();
const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=Another CA', '-keyout', join(dir, 'k'), '-out', join(dir, 'ca.crt')]);
assert.equal(made.status, 0, String(made.stderr));
const strangerCaText = readFileSync(join(dir, 'ca.crt'), 'utf8');

const read = (files: Record<string, string>) => (path: string) => files[path] ?? assert.fail(`unexpected file ${path}`);
const ca = { '/ca.pem': readFileSync(server.caFile!, 'utf8'), '/other-ca.pem': strangerCaText };
const config = (host: string, sslmode: string, caFile?: string) =>
  new PostgresConfig({ host, port: server.port, database: 'postgres', user: server.user, password: server.password, sslmode, caFile });

async function encrypted(c: PostgresConfig): Promise<boolean> {
  const conn = await connectPostgres(c, read(ca));
  try {
    const [row] = await conn.query<{ ssl: boolean }>('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
    return row!.ssl;
  } finally {
    await conn.close();
  }
}

test('verify-full with the right CA connects encrypted; verify-ca too; disable connects in plain text', async () => {
  assert.equal(await encrypted(config('127.0.0.1', 'verify-full', '/ca.pem')), true);
  assert.equal(await encrypted(config('127.0.0.1', 'verify-ca', '/ca.pem')), true);
  assert.equal(await encrypted(config('127.0.0.1', 'require')), true);
  assert.equal(await encrypted(config('127.0.0.1', 'disable')), false);
});

test('a certificate from another CA is refused, and so is one whose name is not the host asked for', async () => {
  const unproven = (code: RegExp) => (e: unknown) => isAppError(e) && e.kind === 'network' && /could not prove who it is/.test(e.message) && code.test(e.message);
  await assert.rejects(connectPostgres(config('127.0.0.1', 'verify-full', '/other-ca.pem'), read(ca)), unproven(/UNABLE_TO_VERIFY|SELF_SIGNED/));
  // Without a CA file the system's authorities apply, which never signed this certificate.
  await assert.rejects(connectPostgres(config('127.0.0.1', 'verify-full'), read(ca)), unproven(/UNABLE_TO_|SELF_SIGNED/));
  // The certificate names 127.0.0.1 only: reached as "localhost", verify-full refuses it and verify-ca does not.
  await assert.rejects(connectPostgres(config('localhost', 'verify-full', '/ca.pem'), read(ca)), unproven(/ALTNAME/));
  assert.equal(await encrypted(config('localhost', 'verify-ca', '/ca.pem')), true);
});

test('a failed connection says why, with the kind the CLI maps to its exit codes', async () => {
  const refusal = (kind: string, pattern: RegExp) => (e: unknown) => isAppError(e) && e.kind === kind && pattern.test(e.message) && !e.message.includes(server.password);
  const base: PostgresFields = { host: '127.0.0.1', port: server.port, database: 'postgres', user: server.user, password: server.password, sslmode: 'disable' };
  const tryConnect = (fields: Partial<PostgresFields>) => connectPostgres(new PostgresConfig({ ...base, ...fields }), read(ca));
  await assert.rejects(tryConnect({ password: 'wrong' }), refusal('auth', /refused the user "wolkvox_admin": check the user name and password/));
  await assert.rejects(tryConnect({ user: 'nobody_here' }), refusal('auth', /refused the user "nobody_here"/));
  await assert.rejects(tryConnect({ database: 'no_such_db' }), refusal('bad-input', /no database named "no_such_db"/));
  const closed = await import('node:net').then(({ createServer }) => new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  }));
  await assert.rejects(tryConnect({ port: closed }), refusal('network', /cannot be reached \(ECONNREFUSED\)/));
  await assert.rejects(tryConnect({ sslmode: 'verify-full', caFile: '/other-ca.pem' }), refusal('network', /could not prove who it is/));
});
