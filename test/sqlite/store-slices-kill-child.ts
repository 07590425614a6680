// Child of the sliced-window kill test: commits the big window (slices of 1,000 rows), saying when it has
// handed the window over and when it is committed, then waits to be killed with the file still open.
import { openStoreWriter } from '../../src-main/core/store/sqlite/threads/writer';
import { callOf, WINDOW_CURSOR, windowRecords } from './store-slices-fixtures';
import { NOW, SERVER, ZONE } from '../integration/store-fixtures';

const [path, runId, size] = process.argv.slice(2) as [string, string, string];
const writer = await openStoreWriter({ dbPath: path, sliceRows: 1000 });
const records = windowRecords(Number(size));
const committed = writer.commitWindow({ runId: Number(runId), records, server: SERVER, zone: ZONE, now: NOW, cursorUtc: WINDOW_CURSOR, call: callOf(records.length, WINDOW_CURSOR) });
process.stdout.write('writing\n');
await committed;
process.stdout.write('committed\n');
setInterval(() => {}, 60_000);
