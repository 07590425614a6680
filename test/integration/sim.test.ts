import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { request } from 'node:http';
import { createInterface } from 'node:readline';
import { after, before, describe, test } from 'node:test';
import { recordsForDay, recordState } from '../../src-main/sim/dataset';
import { addDays } from '../../src-main/sim/days';
import { startSimulator, type SimOptions, type SimStats, type Simulator } from '../../src-main/sim/server';

const ZONE = 'America/Bogota';
/** 2025-03-15 12:00 in Bogota: the default dataset is then 2025-02-15 .. 2025-03-14. */
const NOW = Date.UTC(2025, 2, 15, 17, 0, 0);
const DAY = '2025-03-01';
const TOKEN = 'demo-token';
const ROOT = new URL('../../', import.meta.url).pathname;

interface Answer {
  status: number;
  contentType: string;
  text: string;
}

const stamp = (day: string, time = '000000') => day.replaceAll('-', '') + time;
const stampOf = (dateCreation: string) => dateCreation.replace(/[-: ]/g, '');

async function get(sim: Simulator, path: string, token: string | null = TOKEN, signal?: AbortSignal): Promise<Answer> {
  const res = await fetch(sim.url + path, { headers: token === null ? {} : { 'wolkvox-token': token }, signal });
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text() };
}

const report = (sim: Simulator, ini: string, end: string, token: string | null = TOKEN) =>
  get(sim, `/api/v2/reports_manager.php?api=chat_4&date_ini=${ini}&date_end=${end}`, token);

function body(answer: Answer): { code: unknown; error: unknown; msg: string; data: Record<string, unknown>[] | Record<string, unknown> } {
  return JSON.parse(answer.text);
}

function rows(answer: Answer): Record<string, unknown>[] {
  const data = body(answer).data;
  return Array.isArray(data) ? data : [data];
}

async function withSim(opts: SimOptions, run: (sim: Simulator) => Promise<void>): Promise<void> {
  const sim = await startSimulator({ now: () => NOW, seed: 42, ...opts });
  try {
    await run(sim);
  } finally {
    await sim.stop();
  }
}

describe('Wolkvox chat_4 simulator', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ now: () => NOW, seed: 42 });
  });
  after(() => sim.stop());

  test('answers every error of the documented table with its status and body', async () => {
    const expectError = async (answer: Promise<Answer>, status: number, error: string, msg: string) => {
      const a = await answer;
      assert.equal(a.status, status, a.text);
      assert.match(a.contentType, /^application\/json; charset=utf-8/);
      assert.deepEqual(JSON.parse(a.text), { code: status, error, msg });
    };
    const day = stamp(DAY);
    const end = stamp(DAY, '235959');
    await expectError(report(sim, day, end, null), 401, 'UNAUTHORIZED', 'PLEASE ENTER THE WOLKVOX-TOKEN');
    await expectError(report(sim, day, end, 'wrong-token'), 403, 'FORBIDDEN', 'PLEASE VALIDATE TOKEN');
    const unknownReport = get(sim, `/api/v2/reports_manager.php?api=chat_5&date_ini=${day}&date_end=${end}`);
    await expectError(unknownReport, 400, 'BAD REQUEST', 'THE API YOU WANT TO CONSULT DOES NOT EXIST');
    const missingEnd = get(sim, `/api/v2/reports_manager.php?api=chat_4&date_ini=${day}`);
    await expectError(missingEnd, 400, 'BAD REQUEST', 'SOME PARAMETERS ARE REQUIRED');
    await expectError(report(sim, '2025-03-01', end), 400, 'BAD REQUEST', 'SOME PARAMETERS ARE REQUIRED');
    await expectError(report(sim, '20250230000000', end), 400, 'BAD REQUEST', 'SOME PARAMETERS ARE REQUIRED');
    await expectError(report(sim, '20250201000000', '20250304000001'), 400, 'BAD REQUEST', 'THE MAXIMUM RANGE OF DAYS TO CONSULT IS 31');
    await expectError(report(sim, end, day), 400, 'BAD REQUEST', 'THE START DATE MUST BE BEFORE THE END DATE');
    assert.equal((await report(sim, '20250201000000', '20250304000000')).status, 200, 'exactly 31 days is allowed');

    const empty = await report(sim, '20240101000000', '20240131235959');
    assert.equal(empty.status, 404);
    assert.deepEqual(JSON.parse(empty.text), { code: 404, error: null, msg: 'Validate dates entered' });
    const info = await get(sim, '/api/v2/information.php?api=nope');
    assert.equal(info.status, 400);
    const unknownPath = await get(sim, '/api/v2/other.php');
    assert.equal(unknownPath.status, 404);
    assert.match(unknownPath.contentType, /text\/html/);
  });

  test('serves a day in ascending order, both ends inclusive, exactly as recordsForDay + recordState', async () => {
    const answer = await report(sim, stamp(DAY), stamp(DAY, '235959'));
    assert.equal(answer.status, 200);
    assert.match(answer.contentType, /^application\/json; charset=utf-8$/);
    const data = rows(answer);
    assert.equal(data.length, 300);
    assert.equal(body(answer).msg, '300 records were found');
    const dates = data.map((r) => String(r.date_creation));
    assert.deepEqual(dates, [...dates].sort());
    assert.ok(dates.every((d) => /^2025-03-01 \d{2}:\d{2}:\d{2}$/.test(d)));
    assert.deepEqual(data, recordsForDay(42, DAY, 300, ZONE).map((r) => recordState(r, NOW)));

    const t = dates[150]!;
    const exact = rows(await report(sim, stampOf(t), stampOf(t)));
    assert.equal(exact.length, dates.filter((d) => d === t).length);
    assert.ok(exact.every((r) => r.date_creation === t));
  });

  test('shows every variant a client must survive', async () => {
    const all: Record<string, unknown>[] = [];
    for (let i = -28; i < 0; i++) for (const r of recordsForDay(42, addDays('2025-03-15', i), 300, ZONE)) all.push(recordState(r, NOW));
    const texts = all.map((r) => Object.values(r).join('\u241e'));
    const some = (re: RegExp) => texts.some((t) => re.test(t));
    assert.ok(all.some((r) => !('cod_description' in r)), 'cod_description absent');
    assert.ok(all.some((r) => 'id_interaction' in r && 'queue_time' in r), 'unknown extra fields');
    assert.ok(all.some((r) => r.agent_name === '') && all.some((r) => r.channel === ''), 'empty fields');
    const channels = new Set(all.map((r) => r.channel).filter(Boolean));
    assert.deepEqual(channels, new Set(['Email', 'facebook_page', 'instagram', 'twitter', 'WhatsApp']));
    assert.ok(new Set(all.map((r) => r.agent_name)).has('María José Peña'));
    assert.ok(new Set(all.map((r) => r.agent_name).filter(Boolean)).size >= 15);
    assert.deepEqual(new Set(all.map((r) => r.status).filter(Boolean)), new Set(['open', 'close', 'archived']));
    assert.deepEqual(new Set(all.map((r) => r.evaluation_survey)), new Set(['', '1', '2', '3', '4', '5']));
    assert.ok(all.every((r) => r.skill_id === '' || /^\d+$/.test(String(r.skill_id))));
    const perCase = new Map<unknown, number>();
    for (const r of all) perCase.set(r.case_id, (perCase.get(r.case_id) ?? 0) + 1);
    assert.ok([...perCase.values()].some((n) => n >= 3), 'cases with several interactions');
    for (const re of [/<table>/, /<a href="https:/, /<img src="http:\/\//, /<script>/, /onerror=/, /javascript:/]) {
      assert.ok(some(re), `HTML: ${re}`);
    }
    assert.ok(some(/\p{Extended_Pictographic}/u), 'emoji');
    assert.ok(some(/[\u0590-\u06ff]/), 'right-to-left text');
    const isControl = (c: string) => c.charCodeAt(0) < 0x20 && !'\t\n\r'.includes(c);
    assert.ok(texts.some((t) => [...t].some(isControl)), 'control characters');
    assert.ok(all.some((r) => String(r.body).length >= 100_000), '100 KB bodies');
    for (const word of ['atención', 'facturación', 'contraseña']) assert.ok(some(new RegExp(word)), word);

    // Envelope variants, decided per query: code as a string, and a lone record as an object.
    const seen = new Set<string>();
    const dates = recordsForDay(42, DAY, 300, ZONE).map((r) => r.fields.date_creation);
    const unique = dates.filter((d) => dates.indexOf(d) === dates.lastIndexOf(d)).slice(0, 24);
    for (const d of unique) {
      const b = body(await report(sim, stampOf(d), stampOf(d)));
      seen.add(`code:${typeof b.code}`).add(`data:${Array.isArray(b.data) ? 'array' : 'object'}`);
    }
    assert.deepEqual(seen, new Set(['code:number', 'code:string', 'data:array', 'data:object']));
  });

  test('the same seed gives the same data; another seed does not', async () => {
    assert.deepEqual(recordsForDay(7, DAY, 200, ZONE), recordsForDay(7, DAY, 200, ZONE));
    assert.notDeepEqual(recordsForDay(7, DAY, 200, ZONE), recordsForDay(8, DAY, 200, ZONE));
    const path = [stamp('2025-03-02'), stamp('2025-03-04', '235959')] as const;
    const first = await report(sim, ...path);
    await withSim({}, async (twin) => assert.equal((await report(twin, ...path)).text, first.text));
  });

  test('records change with the sim clock and never appear before they exist', async () => {
    const rec = recordsForDay(42, '2025-03-10', 300, ZONE).find(
      (r, i, all) => r.archivedUtcMs < Infinity && !r.emptyField && all.filter((o) => o.createdUtcMs === r.createdUtcMs).length === 1,
    )!;
    const at = stampOf(rec.fields.date_creation);
    let clock = rec.createdUtcMs - 1000;
    await withSim({ now: () => clock, dataset: { from: '2025-03-10', to: '2025-03-10' } }, async (s) => {
      assert.equal((await report(s, at, at)).status, 404);
      clock = rec.createdUtcMs;
      const open = rows(await report(s, at, at))[0]!;
      assert.deepEqual([open.status, open.answer, open.close_date, open.evaluation_survey, open.cod_act], ['open', '', '', '', '']);
      s.setNow(() => rec.closedUtcMs);
      const closed = rows(await report(s, at, at))[0]!;
      assert.equal(closed.status, 'close');
      assert.equal(closed.close_date, rec.fields.close_date);
      assert.ok(String(closed.answer).length > 0);
      assert.equal(closed.cod_act, rec.fields.cod_act);
      s.setNow(() => rec.archivedUtcMs);
      assert.equal(rows(await report(s, at, at))[0]!.status, 'archived');
    });
  });
});

describe('simulated days look like a real operation', () => {
  test('no second of a day holds more than a handful of interactions, and nothing piles at 23:59:59', () => {
    for (const [seed, perDay] of [[1, 300], [42, 300], [7, 2_000]] as const) {
      const perHour = new Array<number>(24).fill(0);
      for (let d = 0; d < 28; d++) {
        const day = addDays('2025-02-01', d);
        const records = recordsForDay(seed, day, perDay, ZONE);
        assert.equal(records.length, perDay, 'every day still holds exactly the interactions asked for');
        const perSecond = new Map<string, number>();
        for (const r of records) {
          const at = r.fields.date_creation;
          assert.equal(at.slice(0, 10), day, 'every interaction of the day is created on that day');
          perSecond.set(at, (perSecond.get(at) ?? 0) + 1);
          perHour[Number(at.slice(11, 13))]! += 1;
        }
        const busiest = Math.max(...perSecond.values());
        assert.ok(busiest <= 3, `seed ${seed}, ${day}: ${busiest} interactions share one second`);
        assert.ok((perSecond.get(`${day} 23:59:59`) ?? 0) <= 1, `seed ${seed}, ${day}: interactions pile at 23:59:59`);
      }
      // Over the month, evening follow-ups make 23 h a quiet hour, never a peak (clamping to 23:59:59 put a quarter of each day there).
      assert.ok(perHour[23]! <= Math.max(...perHour) / 2, `seed ${seed}: ${perHour[23]} interactions at 23 h of ${perHour.join(',')}, a false peak`);
    }
  });
});

describe('simulator limits and faults', () => {
  test('cuts an answer at 60,000 rows silently, keeping the earliest', async () => {
    await withSim({ dataset: { from: DAY, to: DAY, rowsPerDay: 70_000 } }, async (s) => {
      const answer = await report(s, stamp(DAY), stamp(DAY, '235959'));
      const data = rows(answer);
      assert.equal(data.length, 60_000);
      assert.equal(body(answer).msg, '60000 records were found');
      const all = recordsForDay(42, DAY, 70_000, ZONE);
      assert.equal(data[59_999]!.date_creation, all[59_999]!.fields.date_creation);
      assert.ok(String(data[59_999]!.date_creation) <= all[60_000]!.fields.date_creation);
    });
    await withSim({ dataset: { from: DAY, to: DAY, rowsPerDay: 500 }, order: 'shuffled', rowCap: 100 }, async (s) => {
      const dates = rows(await report(s, stamp(DAY), stamp(DAY, '235959'))).map((r) => String(r.date_creation));
      assert.equal(dates.length, 100);
      assert.notDeepEqual(dates, [...dates].sort());
    });
  });

  test('counts every authenticated call against a daily quota, token_info included', async () => {
    let clock = NOW;
    await withSim({ quotaPerDay: 4, now: () => clock }, async (s) => {
      await report(s, stamp(DAY), stamp(DAY), null);
      await report(s, stamp(DAY), stamp(DAY), 'not-a-token');
      assert.equal(s.stats().quotaUsed, 0, 'unauthenticated calls cost nothing');
      assert.equal((await report(s, stamp(DAY), stamp(DAY, '235959'))).status, 200);
      assert.equal((await report(s, '20240101000000', '20240101000000')).status, 404);
      assert.equal((await report(s, 'bad', 'bad')).status, 400);
      const info = body(await get(s, '/api/v2/information.php?api=token_info')).data;
      assert.deepEqual(info, { token_limit: '4', token_used: '4', token_available: '0', date: '2025-03-15' });
      const refused = await report(s, stamp(DAY), stamp(DAY, '235959'));
      assert.equal(refused.status, 403);
      assert.equal(body(refused).msg, 'TOKEN LIMIT EXCEEDED');
      assert.equal(s.stats().quotaUsed, 4);
      clock = NOW + 86_400_000;
      assert.equal((await report(s, stamp(DAY), stamp(DAY, '235959'))).status, 200, 'a new day, a new quota');
      assert.equal(s.stats().quotaUsed, 1);
    });
  });

  test('refuses a second request in flight on one token and records the maximum', async () => {
    await withSim({ tokens: ['a', 'b'] }, async (s) => {
      // The first request is held (a ten-minute hang) until the second is answered: they overlap by
      // construction, not because a latency happened to be long enough on this machine.
      s.setFaults({ hangMs: 600_000 });
      const controller = new AbortController();
      const held = get(s, `/api/v2/reports_manager.php?api=chat_4&date_ini=${stamp(DAY)}&date_end=${stamp(DAY, '235959')}`, 'a', controller.signal).catch((e: unknown) => e);
      while (s.stats().requests < 1) await new Promise((r) => setTimeout(r, 5));
      s.setFaults({});
      const second = await report(s, stamp(DAY), stamp(DAY, '235959'), 'a');
      assert.equal(second.status, 403);
      assert.equal(body(second).msg, 'EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (2)');
      assert.equal(s.stats().maxInFlightPerToken, 2);
      controller.abort();
      assert.ok((await held) instanceof Error, 'the held request was let go by its client');
      while (!s.stats().byOutcome.aborted) await new Promise((r) => setTimeout(r, 5));
      s.resetStats();
      await Promise.all([report(s, stamp(DAY), stamp(DAY), 'a'), report(s, stamp(DAY), stamp(DAY), 'b')]);
      await report(s, stamp(DAY), stamp(DAY), 'a');
      assert.equal(s.stats().maxInFlightPerToken, 1, 'one per token, two tokens at once is fine');
      assert.equal(s.stats().requests, 3);
    });
  });

  test('holds answers in flight until the hold is lifted, then answers every held one', async () => {
    await withSim({ tokens: ['a'] }, async (s) => {
      s.setFaults({ hold: true });
      const first = report(s, stamp(DAY), stamp(DAY, '235959'), 'a');
      while (s.stats().requests < 1) await new Promise((r) => setTimeout(r, 5));
      const second = report(s, stamp(DAY), stamp(DAY, '235959'), 'a');
      while (s.stats().requests < 2) await new Promise((r) => setTimeout(r, 5));
      assert.equal(s.stats().maxInFlightPerToken, 2, 'the first was still in flight when the second arrived');
      s.setFaults({});
      assert.equal((await first).status, 200);
      assert.equal(body(await second).msg, 'EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (2)');
    });
  });

  test('injects each fault once, in order', async () => {
    await withSim({}, async (s) => {
      const ask = () => report(s, stamp(DAY), stamp(DAY, '235959'));
      const normal = await ask();
      s.setFaults({ failNext: ['500', '502', 'html', 'truncated', 'maintenance', 'maintenance', 'concurrency', 'reset'] });
      const e500 = await ask();
      assert.deepEqual([e500.status, /text\/html/.test(e500.contentType)], [500, true]);
      assert.equal((await ask()).status, 502);
      const html = await ask();
      assert.equal(html.status, 200);
      assert.match(html.contentType, /text\/html/);
      assert.throws(() => JSON.parse(html.text));
      const cut = await ask();
      assert.match(cut.contentType, /application\/json/);
      assert.throws(() => JSON.parse(cut.text));
      assert.ok(normal.text.startsWith(cut.text) && cut.text.length < normal.text.length);
      const m1 = await ask();
      const m2 = await ask();
      assert.deepEqual([m1.status, m1.text, m2.status], [403, '', 403]);
      assert.throws(() => JSON.parse(m2.text));
      assert.equal(body(await ask()).msg, 'EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (2)');
      await assert.rejects(ask());
      assert.equal((await ask()).text, normal.text, 'faults are used up');
      const byOutcome = s.stats().byOutcome;
      for (const f of ['500', '502', 'html', 'truncated', 'concurrency', 'reset']) assert.equal(byOutcome[`fault-${f}`], 1, f);
      assert.equal(byOutcome['fault-maintenance'], 2);
    });
  });

  test('hangs past a client timeout, adds latency, and draws random faults only among retryable ones', async () => {
    await withSim({ faults: { hangMs: 600_000 } }, async (s) => {
      const ask = () => report(s, stamp(DAY), stamp(DAY, '235959'));
      await assert.rejects(get(s, `/api/v2/information.php?api=token_info`, TOKEN, AbortSignal.timeout(100)));
      while (!s.stats().byOutcome.aborted) await new Promise((r) => setTimeout(r, 10));
      s.setFaults({ latencyMs: 120 });
      const started = performance.now();
      assert.equal((await ask()).status, 200, 'the abandoned request no longer counts as in flight');
      assert.ok(performance.now() - started >= 110);
      s.setFaults({ failRate: 1 });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push(await ask().then((a) => a.status, () => 0));
      assert.ok(statuses.every((st) => [0, 403, 500, 502].includes(st)), String(statuses));
      assert.equal(s.stats().byOutcome['fault-html'], undefined);
    });
  });

  test('control endpoints drive a simulator from outside', async () => {
    await withSim({}, async (s) => {
      const post = (path: string, payload: unknown, type = 'application/json') =>
        fetch(`${s.url}/__sim/${path}`, { method: 'POST', headers: { 'content-type': type }, body: JSON.stringify(payload) });
      assert.equal((await post('faults', { failNext: ['502'] })).status, 200);
      assert.equal((await report(s, stamp(DAY), stamp(DAY))).status, 502);
      assert.equal((await post('faults', { failNext: ['nope'] })).status, 400);
      assert.equal((await post('faults', { latencyMs: 1 }, 'text/plain')).status, 415);
      const stats = (await (await fetch(`${s.url}/__sim/stats`)).json()) as SimStats;
      assert.deepEqual(stats, s.stats());
      assert.equal(stats.calls[0]?.status, 502);
      assert.equal((await post('now', { advanceMs: 86_400_000 })).status, 200);
      const info = body(await get(s, '/api/v2/information.php?api=token_info')).data as Record<string, string>;
      assert.equal(info.date, '2025-03-16');
      await post('reset-stats', {});
      assert.equal(s.stats().requests, 0);
      const port = new URL(s.url).port;
      const rebound = await new Promise<number>((resolve, reject) =>
        request({ host: '127.0.0.1', port, path: '/__sim/stats', headers: { host: `evil.example:${port}` } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
          .on('error', reject)
          .end(),
      );
      assert.equal(rebound, 403, 'a foreign Host name is refused');
    });
  });

  test('npm run sim prints its URL first and serves the requested days', async () => {
    const args = ['--import', 'tsx', 'src-main/sim/main.ts', '--port', '0', '--days', '2', '--rows-per-day', '10', '--token', 'T1'];
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      const [url] = (await once(createInterface({ input: child.stdout }), 'line', { signal: AbortSignal.timeout(15_000) })) as [string];
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
      // Yesterday in Bogota (UTC-5, no daylight saving), the last day the default dataset holds.
      const yesterday = new Date(Date.now() - 5 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
      const query = `api=chat_4&date_ini=${stamp(yesterday)}&date_end=${stamp(yesterday, '235959')}`;
      const res = await fetch(`${url}/api/v2/reports_manager.php?${query}`, { headers: { 'wolkvox-token': 'T1' } });
      assert.equal(res.status, 200);
      assert.equal(((await res.json()) as { data: unknown[] }).data.length, 10);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
