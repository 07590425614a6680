import { createRequire } from 'node:module';
import { AppError } from '../errors';
import { KEYCHAIN_SERVICE, type SecretStore } from './secret-store';

type Keytar = typeof import('keytar');

/**
 * The OS keychain (macOS Keychain, Windows Credential Manager, Secret Service on Linux) through keytar.
 * keytar is loaded lazily so that commands that never touch a token work where no keychain exists.
 */
export class KeytarSecretStore implements SecretStore {
  private keytar: Keytar | null = null;

  constructor(private readonly service: string = KEYCHAIN_SERVICE) {}

  private load(): Keytar {
    if (!this.keytar) {
      try {
        this.keytar = createRequire(import.meta.url)('keytar') as Keytar;
      } catch (error) {
        throw new AppError('storage', 'The system keychain is not available on this computer.', { cause: error });
      }
    }
    return this.keytar;
  }

  private async call<T>(what: string, fn: (k: Keytar) => Promise<T>): Promise<T> {
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
