import { openTeamAdmin } from '../../core/compose/team-admin';
import { badInput } from '../../core/errors';
import { TEAM_ROLES, type TeamRole } from '../../core/store/team-admin';
import { parseCommandArgs, requireString } from '../args';
import type { CliDeps } from '../context';
import { printJson, writeLine } from '../io';

const OPTIONS = { store: { type: 'string' }, role: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

/**
 * team init --store URL: the team cache's schema, its group roles and their rights, on an administrator's
 * connection; safe to run again (after an app upgrade, it applies the new steps).
 * team add-user NAME --role sync|auditor|lead --store URL: a new login in that group. Its random password is
 * printed once, alone on stdout (a script can capture it); what it means goes to stderr.
 */
export async function teamCommand(argv: string[], deps: CliDeps): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, OPTIONS, true);
  const [action, name, extra] = positionals;
  if (action !== 'init' && action !== 'add-user') throw badInput('Use team init --store URL, or team add-user NAME --role auditor|lead --store URL.');
  if (extra !== undefined || (action === 'init' && name !== undefined)) throw badInput(`Unexpected argument "${(extra ?? name)!.slice(0, 40)}".`);
  const url = requireString(values.store, '--store postgres://ADMIN@SERVER/DATABASE');
  let role: TeamRole | undefined;
  if (action === 'add-user') {
    requireString(name, 'The user name (team add-user NAME)');
    const given = requireString(values.role, '--role (sync, auditor or lead)');
    if (!(TEAM_ROLES as readonly string[]).includes(given)) throw badInput(`--role must be sync, auditor or lead (got "${given.slice(0, 20)}").`);
    role = given as TeamRole;
  } else if (values.role !== undefined) {
    throw badInput('team init takes no --role: roles are given to users with team add-user.');
  }

  const admin = await openTeamAdmin(url, deps.io.env, deps.now);
  try {
    if (action === 'init') {
      const done = await admin.init();
      if (values.json) printJson(deps.io, done);
      else {
        const steps = done.applied.length ? `applied step(s) ${done.applied.join(', ')}` : 'already up to date';
        writeLine(deps.io.stdout, `Team cache ready in database "${done.database}" (schema ${done.schemaVersion}, ${steps}).`);
        writeLine(deps.io.stdout, `Groups: ${done.groups.sync} (the sync host), ${done.groups.auditor}, ${done.groups.lead}.`);
        writeLine(deps.io.stdout, 'Next: team add-user NAME --role sync|auditor|lead --store URL for each person and for the sync host.');
      }
      return 0;
    }
    const user = await admin.addUser(name!, role!);
    if (values.json) printJson(deps.io, user);
    else {
      writeLine(deps.io.stderr, `User "${user.name}" added as ${user.role}. Their password follows, shown this once: give it to them privately.`);
      writeLine(deps.io.stdout, user.password);
    }
    return 0;
  } finally {
    await admin.close();
  }
}
