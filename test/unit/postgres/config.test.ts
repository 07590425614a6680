// The team cache's connection configuration: URL and fields, TLS required off this machine, the password
// never printed.
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { test } from 'node:test';
import { isAppError } from '../../../src-main/core/errors';
import { isLoopback, parsePostgresUrl, PostgresConfig } from '../../../src-main/core/store/postgres/config';

const refused = (fn: () => unknown, pattern: RegExp) =>
  assert.throws(fn, (e: unknown) => isAppError(e) && e.kind === 'bad-input' && pattern.test(e.message));

test('a postgres:// URL gives every field, the password decoded, verify-full with its CA file', () => {
  const c = parsePostgresUrl('postgres://ana%40ops:p%40ss%3Aw%2Frd@db.example.com:6543/audits?sslmode=verify-full&sslrootcert=/etc/ssl/team-ca.pem');
  assert.deepEqual(c.toJSON(), { kind: 'postgres', host: 'db.example.com', port: 6543, database: 'audits', user: 'ana@ops', sslmode: 'verify-full', caFile: '/etc/ssl/team-ca.pem' });
  assert.equal(c.password(), 'p@ss:w/rd');
  assert.equal(parsePostgresUrl('postgresql://u@h.example/d').port, 5432);
});

test('a remote host gets verify-full when no mode is given, and any weaker mode is refused with the reason', () => {
  assert.equal(parsePostgresUrl('postgres://u@10.0.0.5/d').sslmode, 'verify-full');
  for (const mode of ['disable', 'require', 'verify-ca']) {
    refused(() => parsePostgresUrl(`postgres://u@db.example.com/d?sslmode=${mode}`), /must be reached with sslmode=verify-full/);
    refused(() => new PostgresConfig({ host: '192.168.1.20', database: 'd', user: 'u', sslmode: mode }), /verify-full/);
  }
  refused(() => parsePostgresUrl('postgres://u@db.example.com/d?sslmode=prefer'), /Unknown sslmode "prefer"/);
});

test('on loopback any mode is accepted and no TLS is the default', () => {
  for (const host of ['localhost', '127.0.0.1', '127.3.2.1', '[::1]']) {
    const c = parsePostgresUrl(`postgres://u@${host}:5433/d`);
    assert.equal(c.sslmode, 'disable', host);
    assert.equal(parsePostgresUrl(`postgres://u@${host}/d?sslmode=require`).sslmode, 'require');
  }
  assert.equal(isLoopback('127.0.0.1.example.com'), false);
  assert.equal(isLoopback('localhost.example.com'), false);
  assert.equal(isLoopback('128.0.0.1'), false);
});

test('fields are checked like the URL: host, database and user required, port in range, CA file only when certificates are checked', () => {
  const c = new PostgresConfig({ host: ' db.example.com ', port: '5432', database: 'audits', user: 'lead', caFile: '/ca.pem' });
  assert.deepEqual(c.toJSON(), { kind: 'postgres', host: 'db.example.com', port: 5432, database: 'audits', user: 'lead', sslmode: 'verify-full', caFile: '/ca.pem' });
  assert.equal(c.hasPassword(), false);
  refused(() => new PostgresConfig({ host: '', database: 'd', user: 'u' }), /server address/);
  refused(() => new PostgresConfig({ host: 'h.example', database: ' ', user: 'u' }), /database name/);
  refused(() => new PostgresConfig({ host: 'h.example', database: 'd', user: '' }), /user name/);
  for (const port of ['0', '65536', 'abc', '54.3', -1]) refused(() => new PostgresConfig({ host: 'h.example', port, database: 'd', user: 'u' }), /port must be a number/);
  refused(() => new PostgresConfig({ host: 'localhost', database: 'd', user: 'u', caFile: '/ca.pem' }), /CA file only serves/);
  refused(() => parsePostgresUrl('postgres://u@h.example/d?ssl=true'), /does not know: "ssl"/);
  refused(() => parsePostgresUrl('mysql://u@h.example/d'), /starts with postgres:\/\//);
  refused(() => parsePostgresUrl('db.example.com/d'), /not a valid URL/);
  refused(() => parsePostgresUrl('postgres://%E0%A4%A@h.example/d'), /not validly encoded/);
});

test('the password appears in no printable form: JSON, toString, inspect, template strings, spread', () => {
  const secret = 'S3cr3t-Pa55';
  const c = parsePostgresUrl(`postgres://lead:${secret}@db.example.com/audits?sslrootcert=%2Fca.pem`);
  const forms = [JSON.stringify(c), String(c), `${c}`, inspect(c), inspect({ store: c }, { depth: 5 }), JSON.stringify({ ...c }), JSON.stringify(structuredClone(c))];
  for (const form of forms) assert.ok(!form.includes(secret), form);
  assert.equal(String(c), 'postgres://lead@db.example.com:5432/audits?sslmode=verify-full&sslrootcert=%2Fca.pem');
  // What is printed parses back to the same place (without the password).
  assert.deepEqual(parsePostgresUrl(String(c)).toJSON(), c.toJSON());
  assert.equal(c.withPassword('other').password(), 'other');
  assert.equal(c.password(), secret);
});
