/**
 * A store worker entry for tests: the product's own entry (writer-worker.ts), run unchanged, in a thread
 * that a test can make stop by a real cause: process.exit, an uncaught throw, or allocating past the heap
 * ceiling the store was opened with (threadHeapMb). Tests hand it to the store through `workerUrl`, the
 * option the Electron build uses for its bundled entry; the product has no code of its own for this.
 *
 * At start the thread asks the test (thread-deaths.ts, over a BroadcastChannel) for its orders, before the
 * product's entry runs: so no message can reach the thread before its orders are in place.
 */
import { BroadcastChannel, parentPort, resourceLimits, threadId, workerData, type MessagePort } from 'node:worker_threads';
import { DEATH_CHANNEL, type DeathOrder, type Hello, type OrderReply } from './thread-deaths';

const role = (workerData as { role: Hello['role'] }).role;
const channel = new BroadcastChannel(DEATH_CHANNEL);
const order = await new Promise<DeathOrder | null>((resolve) => {
  channel.onmessage = (event) => {
    const reply = (event as { data: OrderReply }).data;
    if (reply.to === threadId) resolve(reply.order);
  };
  channel.postMessage({ hello: true, role, threadId } satisfies Hello);
});
channel.close();

function die(death: DeathOrder['death']): never {
  if (death === 'exit') process.exit(1);
  if (death === 'throw') throw new Error('a thread fault at C:\\Users\\someone\\secret\\path.ts:12');
  // Only with a ceiling: without one this would take the machine's memory.
  if (!resourceLimits.maxOldGenerationSizeMb) throw new Error('no heap ceiling set: refusing to run out of memory');
  const hog: number[][] = [];
  for (;;) hog.push(new Array<number>(100_000).fill(hog.length));
}

if (order && parentPort) {
  // A window's commit reaches the writer from the preparer, on the port between them.
  const port: MessagePort = order.on === 'commitWindow' ? (workerData as { port: MessagePort }).port : parentPort;
  let seen = 0;
  // Registered before the product's listener, so it runs first: the matching message is never answered.
  port.addEventListener('message', (event) => {
    const message = (event as Event & { data: { type?: string; request?: { op?: string } } }).data;
    const matches = order.on === 'records' ? message.type === 'records' : message.type === 'call' && (order.on === 'call' || message.request?.op === order.on);
    if (!matches || seen++ !== (order.after ?? 0)) return;
    // The product's listener must not answer it (an error thrown here would not stop it from running).
    event.stopImmediatePropagation();
    die(order.death);
  });
}

await import('../../src-main/core/store/sqlite/threads/writer-worker');
