/**
 * One real PostgreSQL server for a test file (postgres-launch.ts): started on first use, stopped and its
 * folder removed when the file's tests end. If the test process dies first (an uncaught error, Ctrl-C, the
 * runner's SIGTERM on a timeout), the exit and signal handlers stop it too, best effort: only a SIGKILL can
 * leave a server behind, in a wolkvox-pg-* folder of the temporary directory. An uncaught error is watched
 * with 'uncaughtExceptionMonitor': node:test's own handler ends such a process without an 'exit' event.
 */
import { after } from 'node:test';
import { launchPostgres, type LaunchOptions, type PostgresServer } from './postgres-launch';

export { POSTGRES_PACKAGE, type PostgresServer } from './postgres-launch';

/** Call it at a test file's top level (`await startPostgres()`): inside a hook, `after` would end with that hook. */
export async function startPostgres(options: LaunchOptions = {}): Promise<PostgresServer> {
  const server = await launchPostgres(options);
  const onSignal = (signal: NodeJS.Signals) => {
    cleanup();
    process.kill(process.pid, signal);
  };
  const cleanup = () => {
    process.off('exit', cleanup);
    process.off('uncaughtExceptionMonitor', cleanup);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    server.stop();
  };
  process.on('exit', cleanup);
  process.on('uncaughtExceptionMonitor', cleanup);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  after(cleanup);
  return server;
}
