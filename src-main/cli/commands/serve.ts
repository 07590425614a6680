import { readFileSync } from 'node:fs';
import { AppError } from '../../core/errors';
import { ensureRendererBuilt } from '../../web-host/renderer-build';
import { startWebHost } from '../../web-host/index';
import { COMMON_OPTIONS, parseCommandArgs } from '../args';
import { rootFor, type CliDeps } from '../context';
import { writeLine } from '../io';

const ROOT = new URL('../../../', import.meta.url).pathname;

/**
 * serve [--db FILE] [--port N]: the app in a browser over loopback HTTP. The first line on stdout is the
 * exact URL to open (it carries the per-launch key); everything else goes to stderr. Runs until stopped.
 */
export async function serveCommand(argv: string[], deps: CliDeps): Promise<number> {
  const { values } = parseCommandArgs(argv, { ...COMMON_OPTIONS, port: { type: 'string' } });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!/^\d*$/.test(values.port ?? '') || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new AppError('bad-input', '--port must be a port number (0 to 65535).');
  }
  const log = (line: string) => writeLine(deps.io.stderr, line);
  // Inside the installed app the renderer is already built; a checkout builds it when it is stale.
  const rendererDir = deps.builtApp?.rendererDir ?? (await ensureRendererBuilt(ROOT, log));
  const version = deps.builtApp?.version ?? (JSON.parse(readFileSync(new URL('package.json', `file://${ROOT}`), 'utf8')) as { version: string }).version;
  const service = await rootFor(deps, values.db, 'browser').openService({ version });
  const host = await startWebHost({ service, rendererDir, port, log });
  writeLine(deps.io.stdout, host.url);
  log('Wolkvox Audit is running in your browser at the address above (this computer only). Ctrl+C to stop.');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await host.close();
  await service.close();
  return 0;
}
