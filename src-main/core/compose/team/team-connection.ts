import { basename } from 'node:path';
import type { TeamFields } from '../../api/team-schemas';
import { teamPasswordAccount, type SecretStore } from '../../secrets/secret-store';
import { PostgresConfig } from '../../store/postgres/backend';
import type { TeamPrefs } from '../../prefs/schema';

/** The store configuration of the saved fields (checked: verify-full off this machine; a CA file only with it). */
export function teamConfigOf(team: Pick<TeamPrefs, 'fields' | 'caFile'>, password: string | null = null): PostgresConfig {
  const { host, port, database, user, tls } = team.fields;
  return new PostgresConfig({ host, port, database, user, sslmode: tls, caFile: team.caFile, password });
}

/** The fields as the form shows them, from a configuration. */
export function fieldsOf(config: PostgresConfig): TeamFields {
  return { host: config.host, port: config.port, database: config.database, user: config.user, tls: config.sslmode === 'verify-full' ? 'verify-full' : 'disable' };
}

/**
 * The team cache's password in the keychain, under the account of its user, server, port and database
 * (secret-store.ts teamPasswordAccount): written once from Settings, read only to connect, never returned.
 */
export class TeamPasswords {
  constructor(private readonly secrets: () => SecretStore) {}

  async saved(config: PostgresConfig): Promise<boolean> {
    return (await this.secrets().get(teamPasswordAccount(config))) !== null;
  }

  async set(config: PostgresConfig, password: string): Promise<void> {
    await this.secrets().set(teamPasswordAccount(config), password);
  }

  /** The configuration with its saved password (none saved: without one, for a server that asks none). */
  async withPassword(config: PostgresConfig): Promise<PostgresConfig> {
    return config.withPassword(await this.secrets().get(teamPasswordAccount(config)));
  }
}

/** The CA file as the UI shows it: its name, not where it lives. */
export const caFileNameOf = (caFile: string | null): string | null => (caFile ? basename(caFile) : null);
