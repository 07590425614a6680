import { AppError } from '../../errors';

/**
 * `work`, or a 'network' error once `ms` have passed: a server that drops packets instead of refusing
 * them would otherwise hold the app (and its window) for the system's TCP timeout. What `work` opens
 * after the deadline is handed to `late`, which closes it.
 */
export async function withinTime<T>(work: Promise<T>, ms: number, late: (value: T) => unknown): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AppError('network', `The team cache did not answer within ${Math.round(ms / 1000)} seconds: check the address and your network.`)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } catch (error) {
    work.then(late, () => undefined);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
