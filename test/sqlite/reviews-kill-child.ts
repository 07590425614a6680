// Child of the kill -9 test: saves one review, says so, then waits to be killed with the file still open.
import { saveReview } from '../../src-main/core/store/sqlite/audit/reviews-sql';
import { openTestDb } from './reviews-fixtures';

const [path, uid] = process.argv.slice(2) as [string, string];
const db = openTestDb(path);
saveReview(db, { uid, reviewer: 'Killed Kim', scores: { resolution: false }, note: 'saved right before the kill' }, 1_700_000_500_000);
process.stdout.write('saved\n');
setInterval(() => {}, 60_000);
