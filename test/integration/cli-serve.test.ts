import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { ensureBuiltForTests } from '../harness/build';
import { spawnCli } from '../helpers/cli-run';
import { tempDir } from '../helpers/temp-dir';

// The command builds out/renderer itself when it is stale: built here first, as every test serving it does (harness/build.ts).
before(() => ensureBuiltForTests(new URL('../../', import.meta.url).pathname));

test('cli serve prints the URL to open first, serves the app and refuses calls without its key', async () => {
  const dir = tempDir('wolkvox-serve-');
  const { child, done } = spawnCli(['serve', '--port', '0'], { WOLKVOX_AUDIT_DATA_DIR: join(dir, 'data') });
  try {
    const first = await new Promise<string>((resolve, reject) => {
      let buffer = '';
      child.stdout!.on('data', (d) => {
        buffer += d;
        if (buffer.includes('\n')) resolve(buffer.split('\n')[0]!);
      });
      child.on('exit', () => reject(new Error('serve exited early')));
    });
    const url = new URL(first);
    assert.equal(url.hostname, '127.0.0.1');
    assert.match(url.hash, /^#key=.{20,}/);
    const page = await fetch(new URL('/', url));
    assert.equal(page.status, 200);
    const call = await fetch(new URL('/api/call/app/info', url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.ok(call.status >= 400, `a call without the key is refused (${call.status})`);
  } finally {
    child.kill('SIGTERM');
    await done;
  }
});
