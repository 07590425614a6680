import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../../src-main/core/errors';
import { serviceAddressProblem, serviceOrigin, validateServiceAddress } from '../../src-main/core/wolkvox/service-address';

const refused = (input: string) => {
  assert.throws(
    () => validateServiceAddress(input),
    (e: unknown) => e instanceof AppError && e.kind === 'bad-input' && e.message.length > 20,
    `${JSON.stringify(input)} must be refused`,
  );
};

test('Wolkvox hosts over https are accepted and reduced to their origin', () => {
  assert.equal(validateServiceAddress('https://wv0032.wolkvox.com'), 'https://wv0032.wolkvox.com');
  assert.equal(validateServiceAddress('https://wv0032.wolkvox.com/'), 'https://wv0032.wolkvox.com');
  assert.equal(validateServiceAddress('HTTPS://WV0032.Wolkvox.COM'), 'https://wv0032.wolkvox.com', 'case-insensitive');
  assert.equal(validateServiceAddress('https://wv0032.wolkvox.com:443'), 'https://wv0032.wolkvox.com', 'the default port');
  assert.equal(validateServiceAddress('https://api.wolkvox.com'), 'https://api.wolkvox.com', 'another *.wolkvox.com');
  assert.equal(validateServiceAddress('  https://wv1.wolkvox.com  '), 'https://wv1.wolkvox.com', 'surrounding spaces trimmed');
});

test('the loopback simulator over http is accepted on any port', () => {
  assert.equal(validateServiceAddress('http://127.0.0.1:8080'), 'http://127.0.0.1:8080');
  assert.equal(validateServiceAddress('http://127.0.0.1'), 'http://127.0.0.1');
  assert.equal(validateServiceAddress('http://localhost:3000/'), 'http://localhost:3000');
  assert.equal(validateServiceAddress('http://LOCALHOST:3000'), 'http://localhost:3000');
  assert.equal(validateServiceAddress('http://[::1]:9000'), 'http://[::1]:9000');
});

test('everything else is refused: other hosts, plain http to Wolkvox, look-alikes, LAN addresses', () => {
  for (const bad of [
    'http://wv0032.wolkvox.com',
    'https://example.com',
    'https://wolkvox.com',
    'https://wv1.wolkvox.com.evil.com',
    'https://evilwolkvox.com',
    'https://wv1-wolkvox.com',
    'https://a.b.wolkvox.com',
    'https://wv1.wolkvox.com.',
    'https://wv1.wolkvox.com:8443',
    'http://192.168.1.10:8080',
    'http://10.0.0.5',
    'http://0.0.0.0:8080',
    'http://127.0.0.2:8080',
    'https://127.0.0.1:8080',
    'ftp://wv1.wolkvox.com',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'not a url',
    '',
  ]) {
    refused(bad);
  }
});

test('userinfo, odd encodings and parser rewrites are refused', () => {
  for (const bad of [
    'https://wv1.wolkvox.com@evil.com',
    'https://user:pw@wv1.wolkvox.com',
    'http://127.0.0.1@evil.com',
    'https://evil.com\\@wv1.wolkvox.com',
    'https://evil.com\\.wv1.wolkvox.com',
    'https://wv1.wolkvox.com%2eevil.com',
    'https://wv1%2ewolkvox.com',
    'https://wv1。wolkvox。com',
    'https://wv1．wolkvox．com',
    'https://wѵ1.wolkvox.com',
    'https://xn--wv1-abc.wolkvox.com',
    'https:wv1.wolkvox.com',
    'https:/wv1.wolkvox.com',
    'http://2130706433:8080',
    'http://0x7f.0.0.1:8080',
    'http://127.1:8080',
    'http://0177.0.0.1',
    'http://[::ffff:127.0.0.1]:80',
    'http://[0:0:0:0:0:0:0:1]:80',
    'http://127.0.0.1:0',
    'http://127.0.0.1:70000',
    'http://localhost.:8080',
    'http://localhost.evil.com:8080',
    'https://wv1.wolkvox.com/api',
    'https://wv1.wolkvox.com/?x=1',
    'https://wv1.wolkvox.com#frag',
    'https://wv1.wolkvox.com//',
    'https://wv1.wolk\tvox.com',
    'https://wv1.wolk\nvox.com',
    'https://wv 1.wolkvox.com',
    `https://${'a'.repeat(190)}.wolkvox.com`,
  ]) {
    refused(bad);
  }
});

test('the message says what to use instead and never echoes more than a short prefix', () => {
  const problem = serviceAddressProblem(`https://example.com/${'x'.repeat(150)}`);
  assert.ok(problem);
  assert.match(problem, /wolkvox\.com/);
  assert.ok(problem.length < 400);
  assert.equal(serviceAddressProblem('https://wv0032.wolkvox.com'), null);
});

test('a profile origin is its own address, or the production host of its server', () => {
  assert.equal(serviceOrigin('0032'), 'https://wv0032.wolkvox.com');
  assert.equal(serviceOrigin('AB12'), 'https://wvab12.wolkvox.com');
  assert.equal(serviceOrigin('0032', 'http://127.0.0.1:9/'), 'http://127.0.0.1:9');
  assert.throws(() => serviceOrigin('0032', 'https://example.com'), AppError);
  assert.throws(() => serviceOrigin('00.32'), AppError);
});
