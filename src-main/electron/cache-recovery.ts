import type { CacheProblem, CacheRecovery, Move } from '../core/store/backend';

/**
 * A cache the app cannot open (damaged, written by a newer version, someone else's file): the user is asked
 * whether to move it aside and start with an empty one. How a cache is inspected and moved is its backend's
 * business (the root's CacheRecovery); nothing is deleted here: Settings lists the moved copies and retention
 * removes them once too old.
 */
export type RecoveryChoice = 'move' | 'quit';

/**
 * Opens the cache; when it cannot be used for a reason moving it aside cures, asks the user (dialog in the
 * desktop app), moves it and opens a fresh one. Null when the user chose to quit. Errors of any other kind,
 * and a second failure on the fresh cache, are thrown as they are.
 */
export async function openWithRecovery<T>(
  open: () => Promise<T>,
  options: { recovery: CacheRecovery; now: () => Date; ask: (problem: CacheProblem, movedTo: string) => Promise<RecoveryChoice> },
): Promise<{ value: T; moved: Move[] } | null> {
  const { recovery } = options;
  let problem = recovery.inspect();
  if (!problem) {
    try {
      return { value: await open(), moved: [] };
    } catch (error) {
      problem = recovery.classify(error);
      if (!problem) throw error;
    }
  }
  const target = recovery.asideName(options.now());
  if ((await options.ask(problem, target)) !== 'move') return null;
  const moved = recovery.moveAside(target);
  return { value: await open(), moved };
}
