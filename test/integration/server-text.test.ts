import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { printJson, writeLine } from '../../src-main/cli/io';
import { DB_FILE_NAME } from '../../src-main/core/paths';
import { startSimulator } from '../../src-main/sim/server';
import { runCliProcess } from '../helpers/cli-run';
import { tempDir } from '../helpers/temp-dir';

/**
 * Text from the server reaches terminals and the sync history tamed: a hostile error answer (a clipboard
 * write, a window title, a screen clear, a C1 CSI, then 5 MB more) is stored and printed as one bounded line.
 */
const TOKEN = 'server-text-token-5a0c';
const OSC52 = '\u001b]52;c;cHduZWQ=\u0007';
const TITLE = '\u001b]0;owned title\u0007';
const CLEAR = '\u001b[2J\u001b[H';
const CSI_C1 = '\u009b2J';
const HOSTILE = `Quota${OSC52} broken${TITLE} here${CLEAR}${CSI_C1}\r\nFAKE PROMPT$ `;
const dir = tempDir('wolkvox-server-text-');
const dataDir = join(dir, 'data');
const env = { WOLKVOX_AUDIT_DATA_DIR: dataDir, WOLKVOX_TOKEN: TOKEN };
let server: Server;
let url = '';

/** A real HTTP server that answers every report call with an error carrying the hostile text and 5 MB more. */
before(async () => {
  const body = JSON.stringify({ code: 503, error: HOSTILE, msg: 'x'.repeat(5 * 1024 * 1024) });
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));

// Any character that moves the cursor or changes the terminal: C0 (ESC, BEL, CR…) but the line break, DEL, C1.
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

test('sync prints the server error as one bounded line, and stores it so', async () => {
  const run = await runCliProcess(['sync', '--server', '0032', '--from', '2026-02-01', '--to', '2026-02-01', '--base-url', url, '--retries', '0'], env);
  assert.equal(run.code, 6, run.stderr.slice(0, 2000));
  assert.ok(!CONTROL.test(run.stderr), `no control character on stderr: ${JSON.stringify(run.stderr.slice(0, 400))}`);
  assert.match(run.stderr, /Quota\s+\]52;c;cHduZWQ=\s+broken\s+\]0;owned title\s+here\s+\[2J\s+\[H\s+2J\s+FAKE PROMPT\$/);
  assert.ok(run.stderr.length < 3000, `stderr is ${run.stderr.length} characters`);
  assert.ok(!run.stderr.includes('x'.repeat(400)), 'at most about 300 characters of the server text');

  const db = new Database(join(dataDir, DB_FILE_NAME), { readonly: true });
  try {
    const stored = db.prepare('SELECT error_kind AS kind, error_message AS message FROM sync_runs ORDER BY id DESC LIMIT 1').get() as { kind: string; message: string };
    assert.equal(stored.kind, 'invalid-response');
    assert.ok(stored.message.length <= 600, `stored message is ${stored.message.length} characters`);
    assert.ok(!CONTROL.test(stored.message) && !stored.message.includes('\n'), JSON.stringify(stored.message.slice(0, 300)));
  } finally {
    db.close();
  }
});

test("the simulator's message fault: the same escapes and 5 MB, refused as bad input, printed and stored tamed", async () => {
  const sim = await startSimulator({ tokens: [TOKEN], dataset: { from: '2026-02-01', to: '2026-02-01', rowsPerDay: 5 } });
  try {
    sim.setFaults({ failNext: ['message'], message: `${HOSTILE}${'y'.repeat(5 * 1024 * 1024)}` });
    const simEnv = { WOLKVOX_AUDIT_DATA_DIR: join(dir, 'sim-data'), WOLKVOX_TOKEN: TOKEN };
    const run = await runCliProcess(['sync', '--server', '0032', '--from', '2026-02-01', '--to', '2026-02-01', '--base-url', sim.url], simEnv);
    assert.equal(run.code, 2, run.stderr.slice(0, 2000));
    assert.ok(!CONTROL.test(run.stderr), JSON.stringify(run.stderr.slice(0, 400)));
    assert.match(run.stderr, /Wolkvox refused the request \(Bad Request: Quota\s+\]52;c;cHduZWQ=/);
    assert.ok(!run.stderr.includes('y'.repeat(400)), 'at most about 300 characters of the server text');
    const db = new Database(join(dir, 'sim-data', DB_FILE_NAME), { readonly: true });
    try {
      const stored = db.prepare('SELECT error_message AS message FROM sync_runs ORDER BY id DESC LIMIT 1').pluck().get() as string;
      assert.ok(stored.length <= 600 && !CONTROL.test(stored), JSON.stringify(stored.slice(0, 300)));
    } finally {
      db.close();
    }
  } finally {
    await sim.stop();
  }
});

test('stats shows a run stored before this bound (5 MB of escapes) cut and inert, in text and JSON', async () => {
  const db = new Database(join(dataDir, DB_FILE_NAME));
  try {
    db.prepare("UPDATE sync_runs SET error_message = ? WHERE id = (SELECT max(id) FROM sync_runs)").run(`${HOSTILE}${CSI_C1}`.repeat(150_000));
  } finally {
    db.close();
  }
  const text = await runCliProcess(['stats'], env);
  assert.equal(text.code, 0, text.stderr);
  assert.ok(!CONTROL.test(text.stdout), JSON.stringify(text.stdout.slice(0, 600)));
  const line = text.stdout.split('\n').find((l) => l.startsWith('Last sync:'))!;
  assert.ok(line.length < 800, `the last-sync line is ${line.length} characters`);

  const json = await runCliProcess(['stats', '--json'], env);
  assert.equal(json.code, 0, json.stderr);
  assert.ok(!/[\u007f-\u009f\u001b]/.test(json.stdout), 'no raw ESC or C1 in the JSON');
  const message = (JSON.parse(json.stdout) as { lastSync: { errorMessage: string } }).lastSync.errorMessage;
  assert.ok(message.length <= 600, `read back ${message.length} characters`);
});

test('every CLI line is inert; JSON keeps the data exact with the terminal controls escaped', () => {
  const out = new PassThrough();
  let written = '';
  out.on('data', (d: Buffer) => (written += d.toString()));
  writeLine(out, `agent ${OSC52}${CSI_C1}\u202e name`);
  assert.equal(written, `agent  ]52;c;cHduZWQ=  2J  name\n`);
  written = '';
  const value = { agent: `a${CSI_C1}b\u001b[2Jc\u2028` };
  printJson({ stdin: new PassThrough(), stdout: out, stderr: new PassThrough(), env: {} }, value);
  assert.ok(!/[\u007f-\u009f\u001b\u2028]/.test(written), JSON.stringify(written));
  assert.deepEqual(JSON.parse(written), value, 'the JSON still reads back exactly');
});
