import { openPgTeamAdmin } from '../store/postgres/backend';
import type { TeamAdmin } from '../store/team-admin';

/** The environment variable a scheduled job or an administrator passes the team database's password in. */
export const STORE_PASSWORD_ENV = 'WOLKVOX_STORE_PASSWORD';

/**
 * The team cache's administration (`team init`, `team add-user`) on the server at `url`: the password comes
 * with the URL or from WOLKVOX_STORE_PASSWORD, so it need not be typed where a shell history keeps it.
 */
export function openTeamAdmin(url: string, env: NodeJS.ProcessEnv, now: () => number = Date.now): Promise<TeamAdmin> {
  return openPgTeamAdmin(url, env[STORE_PASSWORD_ENV] || null, now);
}
