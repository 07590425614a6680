/**
 * Ingest on the sync host, four ways over the same prepared rows: COPY into a staging table then one
 * INSERT … SELECT … ON CONFLICT (uid) DO UPDATE, or multi-row INSERT … ON CONFLICT, each with node-postgres
 * (pg + pg-copy-streams) and with postgres.js. The search vector is the literal the sync host computes
 * (store/postgres/search.ts); rows/s counts the database's work and the client's encoding of the rows, not
 * the row preparation (uid, hashes, words).
 */
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import postgres from 'postgres';
import { PG_COLUMNS, type PgRow } from './pg-data';

export type IngestMethod = 'pg-copy' | 'pg-insert' | 'postgresjs-copy' | 'postgresjs-insert';
export interface Batch {
  rows: PgRow[];
  /** tsvector literals. */
  vectors: string[];
}

const VALUE_COLUMNS = [...PG_COLUMNS, 'search'];
const UPDATE_SET = VALUE_COLUMNS.filter((c) => c !== 'uid' && c !== 'first_synced_at')
  .map((c) => `${c} = excluded.${c}`)
  .join(', ');
const ON_CONFLICT = `ON CONFLICT (uid) DO UPDATE SET ${UPDATE_SET} WHERE interactions.content_hash IS DISTINCT FROM excluded.content_hash`;
const STAGING = `CREATE TEMP TABLE IF NOT EXISTS staging (${PG_COLUMNS.map((c) => `${c} ${/^(id|created_utc|closed_utc|first_synced_at|updated_at)$/.test(c) ? 'bigint' : 'text'}`).join(', ')}, vector text) ON COMMIT DELETE ROWS`;
const FROM_STAGING = `INSERT INTO interactions (${VALUE_COLUMNS.join(', ')}) SELECT ${PG_COLUMNS.join(', ')}, vector::tsvector FROM staging ${ON_CONFLICT}`;
const INSERT_ROWS = 1000;

function insertSql(n: number): string {
  const width = PG_COLUMNS.length + 1;
  const tuples: string[] = [];
  for (let r = 0; r < n; r++) {
    const base = r * width;
    tuples.push(`(${PG_COLUMNS.map((_, i) => `$${base + i + 1}`).join(', ')}, $${base + width}::tsvector)`);
  }
  return `INSERT INTO interactions (${VALUE_COLUMNS.join(', ')}) VALUES ${tuples.join(', ')} ${ON_CONFLICT}`;
}

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
function copyLine(row: PgRow, vector: string): string {
  const cell = (v: string | number | null) => (v === null ? '\\N' : String(v).replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]!));
  return `${row.map(cell).join('\t')}\t${cell(vector)}\n`;
}

/** Writes a batch in COPY text format, a megabyte at a time, waiting when the socket is full. */
async function writeCopy(stream: Writable, batch: Batch): Promise<void> {
  let chunk = '';
  for (let i = 0; i < batch.rows.length; i++) {
    chunk += copyLine(batch.rows[i]!, batch.vectors[i]!);
    if (chunk.length > 1 << 20) {
      if (!stream.write(chunk)) await once(stream, 'drain');
      chunk = '';
    }
  }
  stream.end(chunk);
  await finished(stream);
}

function flatParams(batch: Batch, from: number, to: number): (string | number | null)[] {
  const params: (string | number | null)[] = [];
  for (let i = from; i < to; i++) params.push(...batch.rows[i]!, batch.vectors[i]!);
  return params;
}

export interface Ingester {
  /** The server process serving this connection (its CPU time is read from /proc). */
  backendPid: number;
  write(batch: Batch): Promise<void>;
  close(): Promise<void>;
}

export async function openIngester(method: IngestMethod, url: string): Promise<Ingester> {
  if (method === 'pg-copy' || method === 'pg-insert') {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(STAGING);
    const backendPid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    return {
      backendPid,
      async write(batch) {
        await client.query('BEGIN');
        if (method === 'pg-copy') {
          await writeCopy(client.query(copyFrom(`COPY staging FROM STDIN`)), batch);
          await client.query(FROM_STAGING);
        } else {
          for (let i = 0; i < batch.rows.length; i += INSERT_ROWS) {
            const to = Math.min(batch.rows.length, i + INSERT_ROWS);
            await client.query({ text: insertSql(to - i), values: flatParams(batch, i, to) });
          }
        }
        await client.query('COMMIT');
      },
      close: () => client.end(),
    };
  }
  // One connection, so the temporary staging table stays with it.
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  await sql.unsafe(STAGING);
  const [backend] = await sql.unsafe<{ pid: number }[]>('SELECT pg_backend_pid() AS pid');
  return {
    backendPid: backend!.pid,
    async write(batch) {
      await sql.begin(async (tx) => {
        if (method === 'postgresjs-copy') {
          await writeCopy(await tx.unsafe('COPY staging FROM STDIN').writable(), batch);
          await tx.unsafe(FROM_STAGING);
        } else {
          for (let i = 0; i < batch.rows.length; i += INSERT_ROWS) {
            const to = Math.min(batch.rows.length, i + INSERT_ROWS);
            await tx.unsafe(insertSql(to - i), flatParams(batch, i, to));
          }
        }
      });
    },
    close: () => sql.end(),
  };
}
