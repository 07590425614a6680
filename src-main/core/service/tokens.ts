import { AppError } from '../errors';
import { legacyTokenAccount, tokenAccount, type SecretStore } from '../secrets/secret-store';
import { serviceOrigin, validateServiceAddress } from '../wolkvox/service-address';

export type TokenSource = 'keychain' | 'environment';

/** Whose token: a server and the address it is sent to (none: Wolkvox's own host for that server). */
export interface TokenTarget {
  server: string;
  baseUrl?: string;
}

/**
 * Takes WOLKVOX_TOKEN out of the environment: read once at startup and removed, so that no child
 * process (the one that shows a file in its folder, a shell, a worker) ever inherits it.
 */
export function takeEnvironmentToken(env: NodeJS.ProcessEnv): string | undefined {
  const token = env.WOLKVOX_TOKEN;
  delete env.WOLKVOX_TOKEN;
  return token ? token : undefined;
}

/** The variable that names the one other address WOLKVOX_TOKEN may go to (the hosts' --base-url). */
export const TOKEN_ORIGIN_VARIABLE = 'WOLKVOX_TOKEN_ORIGIN';

/** WOLKVOX_TOKEN_ORIGIN as an origin; an address the token may never go to is bad input at startup. */
export function environmentTokenOrigin(env: NodeJS.ProcessEnv): string | undefined {
  const named = env[TOKEN_ORIGIN_VARIABLE]?.trim();
  return named ? validateServiceAddress(named) : undefined;
}

/**
 * The one place that reads tokens: from the keychain entry of the server and origin, or WOLKVOX_TOKEN
 * for headless runs. Tokens go from here to the HTTP client and nowhere else (not to logs, messages,
 * the UI or disk). WOLKVOX_TOKEN serves only the server's own Wolkvox host, or the one address its owner
 * named beside it (`tokenOrigin`: a CLI command's --base-url, or WOLKVOX_TOKEN_ORIGIN): a profile saved
 * with any other address never receives it.
 */
export class TokenAccess {
  private readonly envToken: string | undefined;
  private readonly envTokenOrigin: string | undefined;

  /** `environment`: the token already taken from it, or the environment itself (it is taken out now). */
  constructor(
    private readonly secrets: SecretStore,
    environment?: string | NodeJS.ProcessEnv,
    tokenOrigin?: string,
  ) {
    this.envToken = typeof environment === 'object' ? takeEnvironmentToken(environment) : environment || undefined;
    this.envTokenOrigin = tokenOrigin ? validateServiceAddress(tokenOrigin) : undefined;
  }

  /** WOLKVOX_TOKEN when it may go to this target: its server's own host, or the origin named for it. */
  private envTokenFor(target: TokenTarget | string): string | undefined {
    if (!this.envToken) return undefined;
    const t = targetOf(target);
    return !t.baseUrl || t.baseUrl === this.envTokenOrigin ? this.envToken : undefined;
  }

  async status(target: TokenTarget | string): Promise<{ saved: boolean; source: TokenSource | null }> {
    if (this.envTokenFor(target)) return { saved: true, source: 'environment' };
    const saved = (await this.read(targetOf(target))) !== null;
    return { saved, source: saved ? 'keychain' : null };
  }

  async set(target: TokenTarget | string, token: string): Promise<void> {
    const clean = token.trim();
    if (!clean) throw new AppError('bad-input', 'The token is empty.');
    if (/[\s\u0000-\u001f]/.test(clean)) throw new AppError('bad-input', 'A Wolkvox token has no spaces or control characters.');
    const t = targetOf(target);
    await this.secrets.set(tokenAccount(t.server, serviceOrigin(t.server, t.baseUrl)), clean);
    // The old server-only entry would otherwise be migrated over this one later.
    if (!t.baseUrl) await this.secrets.delete(legacyTokenAccount(t.server));
  }

  async clear(target: TokenTarget | string): Promise<boolean> {
    const t = targetOf(target);
    const removed = await this.secrets.delete(tokenAccount(t.server, serviceOrigin(t.server, t.baseUrl)));
    const legacy = t.baseUrl ? false : await this.secrets.delete(legacyTokenAccount(t.server));
    return removed || legacy;
  }

  async resolve(target: TokenTarget | string): Promise<string> {
    const fromEnvironment = this.envTokenFor(target);
    if (fromEnvironment) return fromEnvironment;
    const t = targetOf(target);
    const origin = serviceOrigin(t.server, t.baseUrl);
    const token = await this.read(t).catch((error: unknown) => {
      if (error instanceof AppError && error.kind === 'bad-input') throw error;
      // An unreachable or missing keychain leaves no token to use: the user solves it by giving one (auth).
      const why = (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
      throw new AppError('auth', `No Wolkvox token for server ${t.server}: ${why}. Give the token with "${setCommand(t)}" (or in Settings), or set WOLKVOX_TOKEN.`, {
        cause: error,
      });
    });
    if (!token) {
      const where = t.baseUrl ? ` at ${origin}` : '';
      // Said only when it explains the failure: a token in the environment that this address may not have.
      const unbound = this.envToken
        ? ` WOLKVOX_TOKEN is sent only to ${serviceOrigin(t.server)} or to the address named in ${TOKEN_ORIGIN_VARIABLE}.`
        : '';
      throw new AppError(
        'auth',
        `No Wolkvox token is saved for server ${t.server}${where}: add it in Settings or with "${setCommand(t)}". ` +
          `A token belongs to one server and service address: after the address changes it must be given again.${unbound}`,
      );
    }
    return token;
  }

  /**
   * The entry of this server and origin. For Wolkvox's own host only, an entry saved before tokens were
   * bound to an origin (server only) is moved under the new name once; a custom address never reads it.
   */
  private async read(t: TokenTarget): Promise<string | null> {
    const account = tokenAccount(t.server, serviceOrigin(t.server, t.baseUrl));
    const token = await this.secrets.get(account);
    if (token !== null || t.baseUrl) return token;
    const legacy = await this.secrets.get(legacyTokenAccount(t.server));
    if (legacy === null) return null;
    await this.secrets.set(account, legacy);
    await this.secrets.delete(legacyTokenAccount(t.server));
    return legacy;
  }
}

/** The target with its address dropped when it is the server's own Wolkvox host (the default origin). */
function targetOf(target: TokenTarget | string): TokenTarget {
  if (typeof target === 'string' || !target.baseUrl) return { server: typeof target === 'string' ? target : target.server };
  const origin = serviceOrigin(target.server, target.baseUrl);
  return origin === serviceOrigin(target.server) ? { server: target.server } : { server: target.server, baseUrl: origin };
}

function setCommand(t: TokenTarget): string {
  return `token set --server ${t.server}${t.baseUrl ? ` --base-url ${t.baseUrl}` : ''}`;
}
