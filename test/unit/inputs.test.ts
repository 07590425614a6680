import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../../src-main/core/errors';
import { parseDateInput, parseDateRange } from '../../src-main/core/time/date-input';
import { ZoneConverter } from '../../src-main/core/time/zone';
import { validateBaseUrl, validateServerName } from '../../src-main/core/wolkvox/server-name';
import { normaliseRecord, recordsOf } from '../../src-main/core/wolkvox/response';

const bogota = new ZoneConverter('America/Bogota');
const isBadInput = (e: unknown) => e instanceof AppError && e.kind === 'bad-input';

test('server names are letters and digits only', () => {
  assert.equal(validateServerName('0032'), '0032');
  assert.equal(validateServerName('abc12'), 'abc12');
  for (const bad of ['', '00 32', '0032.evil.com', '../x', 'a/b', 'x@y', '0032#', 'ü1', 'a'.repeat(17)]) {
    assert.throws(() => validateServerName(bad), isBadInput, bad);
  }
});

test('base URL overrides must be plain http(s)', () => {
  assert.equal(validateBaseUrl('http://127.0.0.1:8080/'), 'http://127.0.0.1:8080');
  for (const bad of ['ftp://x', 'not a url', 'http://user:pw@host', 'http://h/?q=1']) assert.throws(() => validateBaseUrl(bad), isBadInput);
});

test('dates in the three accepted shapes are read in the profile zone', () => {
  assert.equal(parseDateInput('2026-01-18', bogota, 'start'), Date.UTC(2026, 0, 18, 5));
  assert.equal(parseDateInput('2026-01-18', bogota, 'end'), Date.UTC(2026, 0, 19, 5), 'a date-only end includes the whole day');
  assert.equal(parseDateInput('2026-01-18T19:34', bogota, 'end'), Date.UTC(2026, 0, 19, 0, 35), 'an end without seconds includes its whole minute');
  assert.equal(parseDateInput('2026-01-18T19:34:31', bogota, 'end'), Date.UTC(2026, 0, 19, 0, 34, 32), 'an end with seconds includes that second');
  assert.equal(parseDateInput('20260118193431', bogota, 'end'), Date.UTC(2026, 0, 19, 0, 34, 32), 'an API stamp as end includes its second');
  assert.doesNotThrow(() => parseDateRange('2026-01-18T19:34:31', '20260118193431', bogota), 'one whole second');
  assert.equal(parseDateInput('2026-01-18T19:34:31', bogota, 'start'), Date.UTC(2026, 0, 19, 0, 34, 31));
  assert.equal(parseDateInput('20260118193431', bogota, 'start'), Date.UTC(2026, 0, 19, 0, 34, 31));
});

test('malformed dates and backwards ranges are bad input', () => {
  for (const bad of ['2026-02-30', '18/01/2026', '2026-1-1', 'yesterday', '2026-01-18T25:00', '20261318000000', '']) {
    assert.throws(() => parseDateInput(bad, bogota, 'start'), isBadInput, bad);
  }
  assert.throws(() => parseDateRange('2026-02-01', '2026-01-01', bogota), isBadInput);
  assert.doesNotThrow(() => parseDateRange('2026-01-01', '2026-01-01', bogota), 'one whole day');
});

test('records are normalised to strings and data may be a list, an object or null', () => {
  const r = normaliseRecord({ channel: 'Email', skill_id: 12, attachments: ['a.pdf'], extra: 'x', status: null });
  assert.equal(r.skill_id, '12');
  assert.equal(r.attachments, '["a.pdf"]');
  assert.equal(r.status, '');
  assert.equal(r.cod_description, '');
  assert.equal(recordsOf({ data: null })!.length, 0);
  const single = recordsOf({ data: { channel: 'x', id_interaction: 7 } })!;
  assert.equal(single.length, 1);
  assert.deepEqual(JSON.parse(single[0]!.raw), { channel: 'x', id_interaction: 7 }, 'the raw record keeps unknown fields');
  assert.equal(recordsOf({ data: [1, 2] }), null);
});
