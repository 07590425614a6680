import { badInput } from '../../core/errors';
import { COMMON_OPTIONS, parseCommandArgs } from '../args';
import { rootFor, tokenTargetFor, type CliDeps } from '../context';
import { printJson, readSecret, writeLine } from '../io';

const OPTIONS = { ...COMMON_OPTIONS, server: { type: 'string' }, 'base-url': { type: 'string' } } as const;

/**
 * token set|clear|status --server ID [--base-url URL]. `set` reads the token from stdin, never from an
 * argument. The entry is the one the app uses for a profile with that server and address.
 */
export async function tokenCommand(argv: string[], deps: CliDeps): Promise<number> {
  const [action, ...rest] = argv;
  if (action !== 'set' && action !== 'clear' && action !== 'status') {
    throw badInput('Use: token set|clear|status --server ID (set reads the token from stdin).');
  }
  const { values, positionals } = parseCommandArgs(rest, OPTIONS, true);
  if (positionals.length > 0) throw badInput('The token is never given as an argument: pipe it to "token set" on stdin.');
  const target = tokenTargetFor(values.server, values['base-url']);
  const { server } = target;
  const tokens = rootFor({ ...deps, envTokenOrigin: target.baseUrl ?? deps.envTokenOrigin }, values.db).tokens();
  const { io } = deps;
  if (action === 'set') {
    const token = (await readSecret(io, `Wolkvox token for server ${server}: `)).trim();
    await tokens.set(target, token);
    if (values.json) printJson(io, { server, saved: true });
    else writeLine(io.stdout, `Token saved in the system keychain for server ${server}.`);
    return 0;
  }
  if (action === 'clear') {
    const removed = await tokens.clear(target);
    if (values.json) printJson(io, { server, removed });
    else writeLine(io.stdout, removed ? `Token removed for server ${server}.` : `No token was saved for server ${server}.`);
    return 0;
  }
  const status = await tokens.status(target);
  if (values.json) printJson(io, { server, ...status });
  else {
    const where = status.source === 'environment' ? 'taken from WOLKVOX_TOKEN' : status.saved ? 'saved in the system keychain' : 'not set';
    writeLine(io.stdout, `Token for server ${server}: ${where}.`);
  }
  return 0;
}
