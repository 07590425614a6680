import { badInput } from '../../core/errors';
import { validateServerName } from '../../core/wolkvox/server-name';
import { COMMON_OPTIONS, parseCommandArgs, requireString } from '../args';
import { tokensFor, type CliDeps } from '../context';
import { printJson, readSecret, writeLine } from '../io';

const OPTIONS = { ...COMMON_OPTIONS, server: { type: 'string' } } as const;

/** token set|clear|status --server ID. `set` reads the token from stdin, never from an argument. */
export async function tokenCommand(argv: string[], deps: CliDeps): Promise<number> {
  const [action, ...rest] = argv;
  if (action !== 'set' && action !== 'clear' && action !== 'status') {
    throw badInput('Use: token set|clear|status --server ID (set reads the token from stdin).');
  }
  const { values, positionals } = parseCommandArgs(rest, OPTIONS, true);
  if (positionals.length > 0) throw badInput('The token is never given as an argument: pipe it to "token set" on stdin.');
  const server = validateServerName(requireString(values.server, '--server'));
  const tokens = tokensFor(deps);
  const { io } = deps;
  if (action === 'set') {
    const token = (await readSecret(io, `Wolkvox token for server ${server}: `)).trim();
    await tokens.set(server, token);
    if (values.json) printJson(io, { server, saved: true });
    else writeLine(io.stdout, `Token saved in the system keychain for server ${server}.`);
    return 0;
  }
  if (action === 'clear') {
    const removed = await tokens.clear(server);
    if (values.json) printJson(io, { server, removed });
    else writeLine(io.stdout, removed ? `Token removed for server ${server}.` : `No token was saved for server ${server}.`);
    return 0;
  }
  const status = await tokens.status(server);
  if (values.json) printJson(io, { server, ...status });
  else {
    const where = status.source === 'environment' ? 'taken from WOLKVOX_TOKEN' : status.saved ? 'saved in the system keychain' : 'not set';
    writeLine(io.stdout, `Token for server ${server}: ${where}.`);
  }
  return 0;
}
