/** Where the API tokens live. The real backend is the OS keychain; tests also use an in-memory one. */
export interface SecretStore {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  /** True when something was removed. */
  delete(account: string): Promise<boolean>;
}

export const KEYCHAIN_SERVICE = 'Wolkvox Audit';

/** One keychain entry per operation server, so the desktop app and the CLI find the same token. */
export function tokenAccount(server: string): string {
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
}
