// Starts a test server the way a test file does, reports it, then dies of an uncaught error.
import { startPostgres } from '../../helpers/postgres-server';

const server = await startPostgres();
process.stdout.write(`${JSON.stringify({ pid: server.pid, dir: server.dir })}\n`);
throw new Error('the test process crashed');
