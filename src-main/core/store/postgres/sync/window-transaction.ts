/**
 * The transaction a window is written in: as PgContext.transaction (BEGIN … COMMIT on one connection,
 * ROLLBACK on failure, a broken connection thrown away, errors in the app's kinds), plus COPY, which
 * streams a window's new rows to the server while the next ones are still being prepared: the server
 * inserts and indexes rows while this process computes their successors, on the other core.
 */
import { finished } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { isConnectionLost, type PgContext } from '../pg-context';
import type { SqlClient } from '../sql-client';

/** A COPY … FROM STDIN under way: lines are buffered as written and sent as the socket takes them. */
export interface CopyWriter {
  write(chunk: string): void;
  /** Ends the data; resolves when the server has written every row (rejects with its refusal). */
  end(): Promise<void>;
}

export interface WindowClient extends SqlClient {
  /**
   * Starts a COPY. Its writes never wait: the window's rows are bounded, and the caller goes on computing
   * while the server works (window-write.ts). Queries sent meanwhile run after it.
   */
  openCopy(sql: string): CopyWriter;
}

export async function inWindowTransaction<T>(ctx: PgContext, body: (tx: WindowClient) => Promise<T>): Promise<T> {
  const client = await ctx.connect();
  // The pool stops listening to a connection's errors while it is lent: a connection dropped while this
  // process prepares rows between two statements must not end the process; the next statement fails instead.
  let dropped: Error | undefined;
  const onError = (error: Error) => (dropped ??= error);
  client.on('error', onError);
  const tx: WindowClient = {
    query: async <Row extends object>(text: string, params?: readonly unknown[]) => (await client.query<Row>(text, params as unknown[] | undefined)).rows,
    openCopy(sql) {
      const stream = client.query(copyFrom(sql));
      // Listened to at once: a refusal before end() must not go unhandled (end() reports it).
      stream.on('error', () => undefined);
      const done = finished(stream);
      done.catch(() => undefined);
      return {
        write: (chunk) => void stream.write(chunk),
        end: () => {
          stream.end();
          return done;
        },
      };
    },
  };
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await body(tx);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    if (isConnectionLost(error)) broken = error as Error;
    else await client.query('ROLLBACK').catch((e: Error) => (broken = e));
    throw ctx.errorOf('The team cache refused a change', error);
  } finally {
    client.off('error', onError);
    // A connection that failed mid-transaction is thrown away, never handed to the next caller.
    client.release(broken ?? dropped);
  }
}
