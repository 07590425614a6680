import { createRequire } from 'node:module';
import { AppError } from '../errors';
import { KEYCHAIN_SERVICE, type SecretStore } from './secret-store';

/**
 * The three keytar functions this app uses. Declared here rather than taken from keytar's own types because
 * keytar is an optional dependency: where it cannot be built (no libsecret), the install, the typecheck and
 * every command that needs no token must still work.
 */
export interface KeytarModule {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export type KeytarLoader = () => KeytarModule;

export interface KeytarStoreOptions {
  /** The keychain service name entries are filed under. */
  service?: string;
  /** Loads the keytar module; default `require('keytar')`. */
  load?: KeytarLoader;
  platform?: NodeJS.Platform;
}

const requireKeytar: KeytarLoader = () => createRequire(import.meta.url)('keytar') as KeytarModule;

/** What to tell a user whose keytar cannot be loaded: what is missing and the command that fixes it. */
export function keytarLoadMessage(error: unknown, platform: NodeJS.Platform): string {
  const code = (error as { code?: unknown } | null)?.code;
  const detail = error instanceof Error ? error.message.split('\n')[0]! : String(error);
  if (code === 'MODULE_NOT_FOUND' && /keytar/.test(detail)) {
    // npm drops an optional dependency whose native build failed (on Linux: libsecret's headers missing); a
    // folder left without its binary is not rebuilt by `npm install`, only by `npm rebuild`.
    const built = /keytar\.node/.test(detail);
    const npm = built ? '`npm rebuild keytar`' : '`npm install` again';
    const how = platform === 'linux' ? `on Debian/Ubuntu run \`sudo apt-get install libsecret-1-dev\` then ${npm}` : `run ${npm}`;
    return `The system keychain module (keytar) is not ${built ? 'built' : 'installed'}: ${how} (or set WOLKVOX_TOKEN).`;
  }
  if (/NODE_MODULE_VERSION/.test(detail)) {
    return 'The system keychain module (keytar) was built for another Node.js or Electron version: run `npm rebuild keytar` for the CLI, or `npm run rebuild:electron` for the desktop app (or set WOLKVOX_TOKEN).';
  }
  if (/libsecret/.test(detail)) {
    return `The system keychain library is missing (${detail}): on Debian/Ubuntu run \`sudo apt-get install libsecret-1-0\` (or set WOLKVOX_TOKEN).`;
  }
  return `The system keychain module (keytar) could not be loaded (${detail}): run \`npm rebuild keytar\` (or set WOLKVOX_TOKEN).`;
}

/**
 * The OS keychain (macOS Keychain, Windows Credential Manager, Secret Service on Linux) through keytar.
 * keytar is loaded at the first call, so that everything that never touches a token works where it is absent.
 */
export class KeytarSecretStore implements SecretStore {
  private keytar: KeytarModule | null = null;
  private readonly service: string;
  private readonly loader: KeytarLoader;
  private readonly platform: NodeJS.Platform;

  constructor(options: KeytarStoreOptions = {}) {
    this.service = options.service ?? KEYCHAIN_SERVICE;
    this.loader = options.load ?? requireKeytar;
    this.platform = options.platform ?? process.platform;
  }

  private load(): KeytarModule {
    if (!this.keytar) {
      try {
        this.keytar = this.loader();
      } catch (error) {
        throw new AppError('storage', keytarLoadMessage(error, this.platform), { cause: error });
      }
    }
    return this.keytar;
  }

  private async call<T>(what: string, fn: (k: KeytarModule) => Promise<T>): Promise<T> {
    try {
      return await fn(this.load());
    } catch (error) {
      if (error instanceof AppError) throw error;
      // keytar's messages describe the keychain, never the secret; keep them for the user.
      const detail = error instanceof Error ? error.message : String(error);
      throw new AppError('storage', `Could not ${what} the system keychain: ${detail}`, { cause: error });
    }
  }

  get(account: string): Promise<string | null> {
    return this.call('read from', (k) => k.getPassword(this.service, account));
  }

  set(account: string, secret: string): Promise<void> {
    return this.call('write to', (k) => k.setPassword(this.service, account, secret));
  }

  delete(account: string): Promise<boolean> {
    return this.call('delete from', (k) => k.deletePassword(this.service, account));
  }
}
