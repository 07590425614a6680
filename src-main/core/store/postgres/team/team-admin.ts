/**
 * `team init` and `team add-user` on a PostgreSQL server, over an administrator's connection (a user that
 * may create roles, normally the server's own administrator). The rights themselves are migration 2
 * (../migrations-team-rights.ts); this adds what depends on the database and the people.
 *
 * One server (cluster) hosts one team. PostgreSQL roles belong to the whole server, not to a database:
 * a person's login is one role whatever database it reaches, and the rights are checksummed migration
 * text that names its groups, so per-database group names would still share every user and password
 * and would need generated SQL in every later step. A team cache gets a server of its own instead (a
 * container of the official image is enough); init refuses a server whose groups already hold rights in
 * another database, rather than quietly mixing two teams.
 */
import { randomBytes } from 'node:crypto';
import { AppError, badInput } from '../../../errors';
import type { NewTeamUser, TeamAdmin, TeamInitResult, TeamRole } from '../../team-admin';
import type { PgConnection } from '../connection';
import { migrate, storageError } from '../migrate';
import { PG_MIGRATIONS } from '../migrations';
import { activeIn } from '../audit/scorecards';
import { scramVerifier } from './scram';

export const TEAM_GROUPS: Record<TeamRole, string> = { sync: 'wolkvox_sync', auditor: 'wolkvox_auditor', lead: 'wolkvox_lead' };
const GROUP_NAMES = Object.values(TEAM_GROUPS);

/** Names that PostgreSQL reserves, or that would read as something else in a grant or a policy. */
const RESERVED = new Set(['public', 'none', 'current_user', 'session_user', 'current_role', 'user', 'all', 'postgres']);

/** A user name: lower case letters, digits and _, starting with a letter, at most 63 characters (PostgreSQL's limit). */
export function validateUserName(name: string): string {
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(name)) {
    throw badInput(`"${name.slice(0, 70)}" is not a valid user name: use lower case letters, digits and _, starting with a letter (at most 63 characters), e.g. ana_perez.`);
  }
  if (RESERVED.has(name) || name.startsWith('pg_') || name.startsWith('wolkvox_')) {
    throw badInput(`"${name}" is reserved by PostgreSQL or by Wolkvox Audit's groups: choose another user name.`);
  }
  return name;
}

/** The active scorecard, the default one (English) saved when there is none; kept if one exists. */
async function seedScorecard(conn: PgConnection, now: number): Promise<void> {
  try {
    await conn.query('BEGIN');
    await activeIn(conn, now);
    await conn.query('COMMIT');
  } catch (error) {
    await conn.query('ROLLBACK').catch(() => undefined);
    throw storageError('Saving the default scorecard', error);
  }
}

export function pgTeamAdmin(conn: PgConnection, now: () => number): TeamAdmin {
  const q = async <Row extends object>(what: string, text: string, params?: readonly unknown[]) => {
    try {
      return await conn.query<Row>(text, params);
    } catch (error) {
      throw storageError(what, error);
    }
  };

  const requireRoleMaker = async () => {
    const [me] = await q<{ name: string; may: boolean }>('Checking the user', 'SELECT current_user AS name, rolsuper OR rolcreaterole AS may FROM pg_roles WHERE rolname = current_user');
    if (!me?.may) {
      throw new AppError('auth', `The user "${me?.name}" may not create users on this server: run team commands as the server's administrator (a superuser, or a user with CREATEROLE).`);
    }
  };

  return {
    async init(): Promise<TeamInitResult> {
      await requireRoleMaker();
      const [elsewhere] = await q<{ datname: string }>(
        'Checking the server',
        `SELECT d.datname FROM pg_shdepend s JOIN pg_database d ON d.oid = s.dbid JOIN pg_roles r ON r.oid = s.refobjid
          WHERE r.rolname = ANY($1) AND s.dbid <> (SELECT oid FROM pg_database WHERE datname = current_database()) LIMIT 1`,
        [GROUP_NAMES],
      );
      if (elsewhere) {
        throw badInput(
          `This server already hosts a team cache in the database "${elsewhere.datname}". One server hosts one team (its users belong to the whole server): use that database, or another server for this team.`,
        );
      }
      const applied = await migrate(conn, { now });
      // Only the team (and the administrator) may connect to the team's database.
      await q(
        'Limiting who may connect',
        `DO $$ BEGIN
           EXECUTE format('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
           EXECUTE format('GRANT CONNECT ON DATABASE %I TO wolkvox_sync, wolkvox_auditor, wolkvox_lead', current_database());
         END $$`,
      );
      // The default scorecard, saved by the administrator: auditors may not add scorecards, and a cache
      // without one would refuse every auditor's first review until a lead saved one.
      await seedScorecard(conn, now());
      const [db] = await q<{ name: string }>('Reading the database name', 'SELECT current_database() AS name');
      return { database: db!.name, schemaVersion: PG_MIGRATIONS[PG_MIGRATIONS.length - 1]!.version, applied, groups: { ...TEAM_GROUPS } };
    },

    async addUser(name: string, role: TeamRole): Promise<NewTeamUser> {
      validateUserName(name);
      const group = TEAM_GROUPS[role];
      if (!group) throw badInput(`Unknown role "${String(role).slice(0, 20)}": use sync, auditor or lead.`);
      await requireRoleMaker();
      const groups = await q<{ rolname: string }>('Checking the groups', 'SELECT rolname FROM pg_roles WHERE rolname = ANY($1)', [GROUP_NAMES]);
      if (groups.length < GROUP_NAMES.length) throw badInput('This server has no team yet: run team init first.');
      const taken = await q('Checking the name', 'SELECT 1 FROM pg_roles WHERE rolname = $1', [name]);
      if (taken.length > 0) throw badInput(`A user named "${name}" already exists on this server: choose another name.`);
      // 144 random bits in URL-safe letters: typed once, then kept in the user's keychain.
      const password = randomBytes(18).toString('base64url');
      const verifier = scramVerifier(password);
      try {
        await conn.query(`CREATE ROLE ${conn.raw.escapeIdentifier(name)} LOGIN PASSWORD ${conn.raw.escapeLiteral(verifier)} IN ROLE ${conn.raw.escapeIdentifier(group)}`);
      } catch (error) {
        // Made by someone else between the check and now.
        if ((error as { code?: unknown }).code === '42710') throw badInput(`A user named "${name}" already exists on this server: choose another name.`);
        throw storageError('The user could not be created', error);
      }
      return { name, role, password };
    },

    close: () => conn.close(),
  };
}
