/**
 * The preparer thread: identity, hashes and instants for each slice of a window (prepare.ts), then
 * on to the writer thread. It keeps this allocation-heavy work off the UI thread, and runs beside the
 * writer, so ingest uses two cores.
 */
import type { MessagePort } from 'node:worker_threads';
import { isAppError } from '../errors';
import { storageError } from './database';
import { createPreparer, type Preparer } from './prepare';
import { threadCpuMs } from './thread-cpu';
import type { FromWriter, ToPreparer, ToWriter } from './writer-protocol';

export function runPreparer(parent: MessagePort, writer: MessagePort): void {
  let current: { batch: number; prepare: Preparer } | null = null;
  const send = (message: ToWriter) => writer.postMessage(message);
  parent.on('message', (message: ToPreparer) => {
    if (message.type === 'cpu') {
      parent.postMessage({ type: 'result', id: message.id, value: threadCpuMs() } satisfies FromWriter);
      return;
    }
    if (message.type === 'forward') {
      // A window's commit or abort: the next records start a new window.
      current = null;
      send(message.message);
      return;
    }
    const { batch, ctx, records } = message;
    // One preparer per window: it counts same-identity twins across the window's slices.
    if (current?.batch !== batch) current = { batch, prepare: createPreparer(ctx.zone) };
    try {
      send({ type: 'stage', batch, ctx, rows: current.prepare(records) });
    } catch (error) {
      const app = isAppError(error) ? error : storageError('A record could not be prepared', error);
      send({ type: 'stage-error', batch, error: { kind: app.kind, message: app.message } });
    }
  });
}
