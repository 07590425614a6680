// Run by file-modes.test.ts in its own process: with the umask it is given, opens the app service on a
// fresh data folder, syncs from the simulator, and prints the mode of every file while the cache is open.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MemorySecretStore } from '../../src-main/core/secrets/secret-store';
import { openAppService } from '../helpers/open-service';

const [umask, dataDir, home, simUrl, token] = process.argv.slice(2) as [string, string, string, string, string];
process.umask(parseInt(umask, 8));
const service = await openAppService({ dataDir, secrets: new MemorySecretStore(), host: 'browser', version: 'test', env: { HOME: home }, log: () => {} });
const profile = await service.handlers['profiles/save']({ name: 'Modes', server: '0032', zone: 'America/Bogota', baseUrl: simUrl });
await service.handlers['token/set']({ profileId: profile.id, token });
const finished = new Promise<unknown>((resolve) => {
  const off = service.subscribe((event, payload) => event === 'sync/finished' && (off(), resolve(payload)));
});
await service.handlers['sync/start']({ profileId: profile.id, range: { from: '2026-01-02', to: '2026-01-03' } });
const { run } = (await finished) as { run: { status: string; rows: number } };
const modes: Record<string, string> = {};
const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);
modes['data'] = mode(dataDir);
for (const name of readdirSync(dataDir)) modes[`data/${name}`] = mode(join(dataDir, name));
const locks = join(home, '.config', 'Wolkvox Audit', 'locks');
modes['locks'] = mode(locks);
for (const name of readdirSync(locks)) modes[`locks/${name}`] = mode(join(locks, name));
await service.close();
process.stdout.write(`${JSON.stringify({ umask: process.umask().toString(8), run, modes })}\n`);
