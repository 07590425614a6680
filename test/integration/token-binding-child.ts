// Run by token-binding-cli.test.ts in its own process: starts the CLI's or the app's composition with
// WOLKVOX_TOKEN in the real process.env, then spawns a child (as "show in folder" does) and prints what
// that child inherited.
import { spawnSync } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { runCli } from '../../src-main/cli/main';
import { MemorySecretStore } from '../../src-main/core/secrets/secret-store';
import { openAppService } from '../helpers/open-service';

const [mode, dataDir] = process.argv.slice(2);
let status = '';
if (mode === 'cli') {
  const out = new PassThrough();
  out.on('data', (d: Buffer) => (status += d.toString()));
  const code = await runCli(['token', 'status', '--server', '0032', '--json'], {
    io: { stdin: process.stdin, stdout: out, stderr: process.stderr, env: process.env },
    secrets: new MemorySecretStore(),
  });
  if (code !== 0) process.exit(code);
} else {
  const service = await openAppService({ dataDir: dataDir!, secrets: new MemorySecretStore(), host: 'browser', version: 'test', log: () => {} });
  const profile = await service.handlers['profiles/save']({ name: 'P', server: '0032', zone: 'America/Bogota' });
  status = JSON.stringify(await service.handlers['token/status']({ profileId: profile.id }));
  await service.close();
}
const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(JSON.stringify(process.env.WOLKVOX_TOKEN ?? null))'], { encoding: 'utf8' });
process.stdout.write(`${JSON.stringify({ status: JSON.parse(status), child: JSON.parse(child.stdout), here: process.env.WOLKVOX_TOKEN ?? null })}\n`);
