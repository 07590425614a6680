/**
 * The transaction a window is written in: PgContext's (BEGIN … COMMIT on one connection, ROLLBACK on
 * failure, a broken connection thrown away, errors in the app's kinds), plus COPY, which
 * streams a window's new rows to the server while the next ones are still being prepared: the server
 * inserts and indexes rows while this process computes their successors, on the other core.
 */
import { finished } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { sqlClientOf, type PgContext } from '../pg-context';
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

export function inWindowTransaction<T>(ctx: PgContext, body: (tx: WindowClient) => Promise<T>): Promise<T> {
  return ctx.onConnection((client) =>
    body({
      ...sqlClientOf(client),
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
    }),
  );
}
