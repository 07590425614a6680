// Starts writer-worker.ts under tsx. Node 20 loads a worker's .ts entry before the tsx hooks inherited
// through execArgv apply (tsx issue #354), so this plain-JS entry registers tsx first, then imports
// the real entry. Only used when running from source; the Electron build starts store-writer.js directly.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
