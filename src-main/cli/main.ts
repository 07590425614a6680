import { toErrorInfo } from '../core/errors';
import { takeEnvironmentToken } from '../core/service/tokens';
import type { CliDeps } from './context';
import { EXIT, exitCodeFor } from './exit-codes';
import { writeLine } from './io';
import { syncCommand } from './commands/sync';
import { tokenCommand } from './commands/token';
import { serveCommand } from './commands/serve';
import { purgeCommand } from './commands/purge';
import { scorecardCommand } from './commands/scorecard';
import { teamCommand } from './commands/team';
import { exportCommand, searchCommand, statsCommand } from './commands/read-commands';

type Command = (argv: string[], deps: CliDeps) => Promise<number>;

const USAGE = `Wolkvox Audit command line

  sync   --server ID --from DATE --to DATE [--db FILE | --store URL] [--base-url URL] [--tz ZONE] [--dry-run] [--json]
  sync   --server ID --incremental [--overlap-hours N] [...]
         [--retries N]  retries of a failed call (network, 5xx, maintenance), default 5
  search TEXT [--db FILE | --store URL] [--limit N] [--json]
  stats  [--db FILE | --store URL] [--json]
  export --out FILE.xlsx|FILE.csv [--db FILE | --store URL] [--from DATE] [--to DATE] [--search TEXT] [--agent NAME]
         [--status S] [--channel C] [--skill ID] [--headers api|friendly] [--lang en|es] [--tz ZONE]
         [--reviews] [--sample NAME]     review columns, Summary and Scorecard sheets; one audit sample
         [--columns F,F,...]             these API fields, in this order (default: all 17, the API's order)
         [--separator comma|semicolon|tab]  CSV only (default comma; semicolon for Excel in Spanish)
  token  set|clear|status --server ID [--base-url URL]   (set reads the token from stdin)
  serve  [--db FILE] [--port N]           the app in a browser; the first stdout line is the URL to open
  purge  --server ID --older-than DAYS [--keep-reviewed] [--db FILE | --store URL] [--json]
                                          removes that server's interactions created more than DAYS days ago
                                          (with their reviews, unless --keep-reviewed); prints what it removed
  scorecard export --out FILE.json [--version N] [--db FILE] [--json]   the active scorecard (or version N) as a file
  scorecard import FILE.json [--db FILE] [--json]                       saves the file's scorecard as a new version
  team   init --store URL [--json]        a team cache on PostgreSQL: schema, group roles and their rights
                                          (URL: postgres://ADMIN@SERVER/DATABASE; safe to run again after an upgrade)
  team   add-user NAME --role sync|auditor|lead --store URL [--json]
                                          a new login; its one-time password is printed alone on stdout

URL: another https://*.wolkvox.com host, or http://127.0.0.1:PORT (the simulator); the token goes nowhere else.
--store URL: a team cache, postgres://user@server:5432/database[?sslmode=verify-full&sslrootcert=CA.pem]
  (the password in the URL, or in WOLKVOX_STORE_PASSWORD; sslmode=verify-full unless the server is this machine).
DATE: YYYY-MM-DD, YYYY-MM-DDTHH:mm[:ss] or YYYYmmddHHiiss in the profile's time zone (default America/Bogota).
Exit codes: 0 ok, 2 bad input, 3 auth, 4 quota exhausted, 5 network/server failure, 6 invalid response.`;

export interface CommandTable {
  [name: string]: Command;
}

export const COMMANDS: CommandTable = {
  sync: syncCommand,
  search: searchCommand,
  stats: statsCommand,
  export: exportCommand,
  token: tokenCommand,
  serve: serveCommand,
  purge: purgeCommand,
  scorecard: scorecardCommand,
  team: teamCommand,
};

/** Runs one command line and returns its exit code; every failure becomes a message and a code, never a stack. */
export async function runCli(argv: string[], given: CliDeps, commands: CommandTable = COMMANDS): Promise<number> {
  // Read once at startup and removed from the environment: no child process of any command inherits it.
  const deps: CliDeps = { ...given, envToken: given.envToken ?? takeEnvironmentToken(given.io.env) };
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    writeLine(name ? deps.io.stdout : deps.io.stderr, USAGE);
    return name ? EXIT.ok : EXIT.badInput;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    writeLine(deps.io.stderr, `Unknown command "${name.slice(0, 40)}".\n\n${USAGE}`);
    return EXIT.badInput;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    writeLine(deps.io.stdout, USAGE);
    return EXIT.ok;
  }
  try {
    return await command(rest, deps);
  } catch (error) {
    const info = toErrorInfo(error);
    writeLine(deps.io.stderr, `Error (${info.kind}): ${info.message}`);
    return exitCodeFor(info.kind);
  }
}
