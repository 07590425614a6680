import { AppError, DISK_FULL_MESSAGE } from '../../../errors';

/**
 * An error the SQLite driver threw, as the app's 'storage' kind: the store answers in kinds, so nothing
 * above it reads SQLite's codes. The code stays in the message (for support) and the driver's error as
 * the cause (busy.ts and recovery read codes through causes). Any other error is returned as it is.
 */
export function driverError(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (error instanceof AppError || typeof code !== 'string' || !code.startsWith('SQLITE_')) return error;
  if (code === 'SQLITE_FULL') return new AppError('storage', DISK_FULL_MESSAGE, { cause: error });
  return new AppError('storage', `The local database reported an error (${code}).`, { cause: error });
}

/** Rethrows what `work` throws, as driverError makes it. */
export async function withKinds<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw driverError(error);
  }
}
