import { AppError } from '../errors';
import { tokenAccount, type SecretStore } from '../secrets/secret-store';

export type TokenSource = 'keychain' | 'environment';

/**
 * The one place that reads tokens: from the keychain entry of the server, or WOLKVOX_TOKEN for headless
 * runs. Tokens go from here to the HTTP client and nowhere else (not to logs, messages, the UI or disk).
 */
export class TokenAccess {
  constructor(
    private readonly secrets: SecretStore,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  async status(server: string): Promise<{ saved: boolean; source: TokenSource | null }> {
    if (this.env.WOLKVOX_TOKEN) return { saved: true, source: 'environment' };
    const saved = (await this.secrets.get(tokenAccount(server))) !== null;
    return { saved, source: saved ? 'keychain' : null };
  }

  async set(server: string, token: string): Promise<void> {
    const clean = token.trim();
    if (!clean) throw new AppError('bad-input', 'The token is empty.');
    if (/[\s\u0000-\u001f]/.test(clean)) throw new AppError('bad-input', 'A Wolkvox token has no spaces or control characters.');
    await this.secrets.set(tokenAccount(server), clean);
  }

  clear(server: string): Promise<boolean> {
    return this.secrets.delete(tokenAccount(server));
  }

  async resolve(server: string): Promise<string> {
    if (this.env.WOLKVOX_TOKEN) return this.env.WOLKVOX_TOKEN;
    const token = await this.secrets.get(tokenAccount(server));
    if (!token) {
      throw new AppError('auth', `No Wolkvox token is saved for server ${server}: add it in Settings or with "token set --server ${server}".`);
    }
    return token;
  }
}
