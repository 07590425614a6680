/**
 * The transaction a window is written in: as PgContext.transaction (BEGIN … COMMIT on one connection,
 * ROLLBACK on failure, a broken connection thrown away, errors in the app's kinds), plus COPY, which
 * streams a window's new rows to the server while the next ones are still being encoded: the server
 * inserts and indexes rows while this process computes their successors, on the other core.
 */
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { isConnectionLost, type PgContext } from '../pg-context';
import type { SqlClient } from '../sql-client';

export interface WindowClient extends SqlClient {
  /** COPY … FROM STDIN: `produce` hands over text-format lines in chunks; each waits while the socket is full. */
  copyIn(sql: string, produce: (send: (chunk: string) => Promise<void>) => Promise<void>): Promise<void>;
}

export async function inWindowTransaction<T>(ctx: PgContext, body: (tx: WindowClient) => Promise<T>): Promise<T> {
  const client = await ctx.connect();
  const tx: WindowClient = {
    query: async <Row extends object>(text: string, params?: readonly unknown[]) => (await client.query<Row>(text, params as unknown[] | undefined)).rows,
    async copyIn(sql, produce) {
      const stream = client.query(copyFrom(sql));
      // A failure of the stream (the server refused a row, the connection dropped) ends the wait for 'drain' too.
      const failed = new Promise<never>((_, reject) => stream.once('error', reject));
      failed.catch(() => undefined);
      await produce(async (chunk) => {
        if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), failed]);
      });
      stream.end();
      await Promise.race([finished(stream), failed]);
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
    // A connection that failed mid-transaction is thrown away, never handed to the next caller.
    client.release(broken);
  }
}
