/**
 * The store writer's thread: owns the one writing connection, so a 60,000-row window is written
 * without blocking the thread that serves the UI. Requests are handled one at a time, in order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppError, isAppError, type ErrorInfo } from '../errors';
import type { IncomingRecord } from '../wolkvox/fields';
import { openDatabase, storageError, type Db } from './database';
import { createSyncLog, type SyncLog, type WindowCommit } from './sync-log';
import type { FromWorker, ToWorker, WriterWorkerData } from './writer-protocol';

function errorInfo(error: unknown): ErrorInfo {
  const app = isAppError(error) ? error : storageError('The database write failed', error);
  return { kind: app.kind, message: app.message };
}

function handle(log: SyncLog, staged: Map<number, IncomingRecord[]>, op: string, args: unknown[]): unknown {
  switch (op) {
    case 'startRun':
      return log.startRun(args[0] as Parameters<SyncLog['startRun']>[0]);
    case 'findResumableRun':
      return log.findResumableRun(args[0] as string, args[1] as number, args[2] as number);
    case 'commitWindow': {
      const batch = args[1] as number;
      const records = staged.get(batch) ?? [];
      staged.delete(batch);
      return log.commitWindow({ ...(args[0] as Omit<WindowCommit, 'records'>), records });
    }
    case 'logCall':
      return log.logCall(args[0] as number | null, args[1] as Parameters<SyncLog['logCall']>[1]);
    case 'finishRun':
      return log.finishRun(args[0] as number, args[1] as Parameters<SyncLog['finishRun']>[1], args[2] as number, args[3] as ErrorInfo | undefined);
    case 'lastCoveredUtc':
      return log.lastCoveredUtc(args[0] as string);
    default:
      throw new AppError('storage', `Unknown store operation: ${op}`);
  }
}

function main(): void {
  const port = parentPort;
  if (!port) throw new Error('writer-worker.ts must run in a worker thread');
  const post = (message: FromWorker) => port.postMessage(message);
  const { dbPath } = workerData as WriterWorkerData;
  let db: Db;
  try {
    db = openDatabase(dbPath);
  } catch (error) {
    post({ type: 'init-error', error: errorInfo(error) });
    port.close();
    return;
  }
  const log = createSyncLog(db);
  const staged = new Map<number, IncomingRecord[]>();
  port.on('message', (message: ToWorker) => {
    if (message.type === 'stage') {
      const list = staged.get(message.batch);
      if (list) list.push(...message.records);
      else staged.set(message.batch, message.records);
      return;
    }
    if (message.op === 'close') {
      db.close();
      post({ type: 'result', id: message.id, value: undefined });
      port.close();
      return;
    }
    try {
      post({ type: 'result', id: message.id, value: handle(log, staged, message.op, message.args) });
    } catch (error) {
      if (message.op === 'commitWindow') staged.delete(message.args[1] as number);
      post({ type: 'error', id: message.id, error: errorInfo(error) });
    }
  });
  post({ type: 'ready' });
}

main();
