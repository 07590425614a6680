import { serviceOrigin } from '../wolkvox/service-address';

/** Where the API tokens live. The real backend is the OS keychain; tests also use an in-memory one. */
export interface SecretStore {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  /** True when something was removed. */
  delete(account: string): Promise<boolean>;
}

export const KEYCHAIN_SERVICE = 'Wolkvox Audit';

/**
 * One keychain entry per operation server AND the origin its token is sent to (see serviceOrigin), so a
 * profile whose address changes has no token until the user gives it again: a token saved for Wolkvox is
 * never handed to another address. The desktop app and the CLI build the same name.
 */
export function tokenAccount(server: string, origin: string = serviceOrigin(server)): string {
  return `wolkvox-token:${server}@${origin}`;
}

/**
 * A team cache's password: one entry per user, server, port and database, so a changed address has no
 * password until it is given again (it never goes to another server than the one it was saved for).
 */
export function teamPasswordAccount(place: { user: string; host: string; port: number; database: string }): string {
  return `team-cache:${place.user}@${place.host}:${place.port}/${place.database}`;
}

/** The name entries had before they were bound to an origin (server only); read once for the default origin. */
export function legacyTokenAccount(server: string): string {
  return `wolkvox-token:${server}`;
}

export class MemorySecretStore implements SecretStore {
  private readonly secrets = new Map<string, string>();

  async get(account: string): Promise<string | null> {
    return this.secrets.get(account) ?? null;
  }

  async set(account: string, secret: string): Promise<void> {
    this.secrets.set(account, secret);
  }

  async delete(account: string): Promise<boolean> {
    return this.secrets.delete(account);
  }

  /** The account names held (tests check what was written where). */
  accounts(): string[] {
    return [...this.secrets.keys()];
  }
}
