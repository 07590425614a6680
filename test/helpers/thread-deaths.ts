/**
 * Tells the threads started from mortal-worker.ts how to die: each new thread of a role takes the next
 * order given for that role (or none, and lives). See mortal-worker.ts.
 */
import { BroadcastChannel } from 'node:worker_threads';

export const DEATH_CHANNEL = 'wolkvox-test-thread-deaths';

export interface DeathOrder {
  /** How: exit (process.exit in the thread), an uncaught throw, or running out of its heap. */
  death: 'exit' | 'throw' | 'oom';
  /**
   * At which message: any call, a window's commit (the writer, with the window's rows written), or a slice
   * of a window's records (the preparer).
   */
  on: 'call' | 'commitWindow' | 'records';
  /** Messages of that kind answered first (default 0: the first one kills it). */
  after?: number;
}
export interface Hello {
  hello: true;
  role: 'read' | 'write' | 'prepare';
  threadId: number;
}
export interface OrderReply {
  to: number;
  order: DeathOrder | null;
}

export const MORTAL_WORKER = new URL('./mortal-worker.ts', import.meta.url);

export interface ThreadDeaths {
  /** The next thread of `role` to start dies as ordered. */
  order(role: Hello['role'], order: DeathOrder): void;
  /** Threads of each role started so far. */
  started: Record<Hello['role'], number>;
  close(): void;
}

export function threadDeaths(): ThreadDeaths {
  const orders: Record<Hello['role'], DeathOrder[]> = { read: [], write: [], prepare: [] };
  const started = { read: 0, write: 0, prepare: 0 };
  const channel = new BroadcastChannel(DEATH_CHANNEL);
  channel.onmessage = (event) => {
    const hello = (event as { data: Hello }).data;
    if (!hello.hello) return;
    started[hello.role] += 1;
    channel.postMessage({ to: hello.threadId, order: orders[hello.role].shift() ?? null } satisfies OrderReply);
  };
  // Only the threads' own messages keep the test process alive, not this channel.
  channel.unref();
  return { order: (role, order) => orders[role].push(order), started, close: () => channel.close() };
}
