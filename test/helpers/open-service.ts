import { composeApp, type AppConfig, type ServiceOptions } from '../../src-main/core/compose/index';
import type { SecretStore } from '../../src-main/core/secrets/secret-store';
import type { AppService } from '../../src-main/core/service/index';

export interface TestServiceOptions extends ServiceOptions, Pick<AppConfig, 'dbPath' | 'env' | 'envToken' | 'envTokenOrigin' | 'fetch' | 'now' | 'log'> {
  dataDir: string;
  secrets: SecretStore;
  host: 'electron' | 'browser';
}

/** The service as an entry point builds it (through the composition root), from one bag of options. */
export function openAppService(options: TestServiceOptions): Promise<AppService> {
  const { dataDir, dbPath, secrets, host, env, envToken, envTokenOrigin, fetch, now, log, ...service } = options;
  return composeApp({ host, dataDir, dbPath, secrets, env, envToken, envTokenOrigin, fetch, now, log }).openService(service);
}
