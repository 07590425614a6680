/**
 * Entry of the store's worker threads (the Electron build bundles it as store-writer.js). One file
 * serves both roles, chosen by workerData, so the build needs a single extra entry.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runPreparer } from './prepare-thread';
import { runReader } from './reader-thread';
import { runWriter } from './writer-thread';
import type { WriterWorkerData } from './writer-protocol';

const data = workerData as WriterWorkerData;
if (!parentPort) throw new Error('writer-worker.ts must run in a worker thread');
if (data.role === 'read') runReader(parentPort, data.dbPath ?? '');
else if (data.role === 'prepare') runPreparer(parentPort, data.port!);
else runWriter(parentPort, data.port!, data.dbPath ?? '', { sliceRows: data.sliceRows, gate: data.gate });
