/**
 * The team cache's change feed (Store.changes): LISTEN on the channel migration 2's triggers notify
 * (../migrations-change-feed.ts), on a connection of its own, opened when the first listener subscribes
 * and closed when the last one leaves, or at close.
 *
 * - A notice names a kind of data; it is a hint to read again, nothing more, since any login may send any
 *   notice on the channel. This store's own commits are told by the server process that sent the notice
 *   (the pool's connections, pg-context.ts), never by the text. Migration 5's triggers still end the text
 *   with the sender's `wolkvox.writer` setting: no longer set, and ignored.
 * - Notices are batched (batch.ts): one call per batch, kinds merged.
 * - A commit between the subscription and the LISTEN taking force reaches no one as a notice: the feed
 *   reads a few figures per kind at both moments (signatures.ts) and reports the kinds that moved.
 * - When the listening connection drops (a server restart, a network cut), it reconnects with growing
 *   pauses; notices sent meanwhile are lost, so once back it reports every kind, once.
 */
import pg from 'pg';
import { CHANGE_KINDS, type ChangeKind, type StoreChange } from '../../store';
import { CHANGE_CHANNEL } from '../migrations-change-feed';
import type { PgChangeFeed } from '../parts';
import { isConnectionLost, type PgContext } from '../pg-context';
import { batcher, BATCH_TIMING, type BatchTiming } from './batch';
import { readSignatures, type Signatures } from './signatures';

export interface ChangeFeedOptions {
  batch?: BatchTiming;
  /** Pauses between attempts to reconnect: doubling from the first to the last. */
  retryMs?: { first: number; max: number };
  /** How often the listening connection is asked for an answer, and how long it may take (a silent drop is seen so). */
  heartbeat?: { everyMs: number; timeoutMs: number };
}

/** What the listening connection calls itself on the server (pg_stat_activity), for administrators and tests. */
export const FEED_APPLICATION_NAME = 'Wolkvox Audit change feed';

const KINDS = new Set<string>(CHANGE_KINDS);

/** One subscription period: from the first listener to the last one leaving. */
interface Session {
  client: pg.Client | null;
  /** Asks the listening connection for an answer now and then: a network that dropped silently sends no error. */
  heartbeat: ReturnType<typeof setInterval> | null;
  retry: ReturnType<typeof setTimeout> | null;
  /** An attempt to connect in progress (awaited at the end, so nothing is left open after close). */
  connecting: Promise<void> | null;
  attempts: number;
  ended: boolean;
  /** Resolves once the first attempt to listen has ended, either way (stand() waits for it). */
  settled: Promise<void>;
  settle: () => void;
}

/** A baseline to compare after the LISTEN; null: unknown (report every kind); 'none': nothing to catch up. */
type Baseline = Promise<Signatures | null> | null | 'none';

export function pgChangeFeed(ctx: PgContext, options: ChangeFeedOptions = {}): PgChangeFeed {
  const retryMs = options.retryMs ?? { first: 250, max: 10_000 };
  const heartbeat = options.heartbeat ?? { everyMs: 30_000, timeoutMs: 10_000 };
  const listeners = new Set<(change: StoreChange) => void>();
  const batch = batcher((change) => {
    for (const listener of [...listeners]) {
      try {
        listener(change);
      } catch {
        // One listener's failure must not stop the others, nor the feed.
      }
    }
  }, options.batch ?? BATCH_TIMING);
  let session: Session | null = null;
  let closed = false;
  /** Listening for the store's whole life (stand()), whether or not anyone listens yet. */
  let standing = false;
  const newSession = (): Session => {
    let settle = () => undefined as void;
    const settled = new Promise<void>((resolve) => (settle = resolve));
    return { client: null, heartbeat: null, retry: null, connecting: null, attempts: 0, ended: false, settled, settle };
  };

  const onNotice = (message: pg.Notification) => {
    if (message.channel !== CHANGE_CHANNEL || !message.payload) return;
    const [kind] = message.payload.split(' ');
    if (ctx.ownsBackend(message.processId) || !kind || !KINDS.has(kind)) return;
    batch.add([kind as ChangeKind]);
  };

  /** Opens the listening connection; `baseline` is what the figures were at subscription (null: unknown, or a reconnection). */
  const connect = async (s: Session, baseline: Baseline) => {
    const client = new pg.Client({ ...ctx.driverOptions, application_name: FEED_APPLICATION_NAME });
    // Dropped while connecting (the error may come before the LISTEN's answer is handled): connect() sees it.
    let lost = false;
    const dropped = () => {
      if (lost) return;
      lost = true;
      if (s.client !== client) return;
      s.client = null;
      stopHeartbeat(s);
      client.end().catch(() => undefined);
      schedule(s, null);
    };
    client.on('error', dropped);
    client.on('end', dropped);
    client.on('notification', onNotice);
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGE_CHANNEL}`);
      if (s.ended || lost) throw new Error('no one listens any more, or the connection dropped');
      s.client = client;
      s.attempts = 0;
      s.settle();
      s.heartbeat = setInterval(() => {
        const late = setTimeout(dropped, heartbeat.timeoutMs);
        client.query('SELECT 1').then(() => clearTimeout(late), dropped);
      }, heartbeat.everyMs);
      s.heartbeat.unref();
    } catch {
      client.removeAllListeners();
      client.on('error', () => undefined);
      await client.end().catch(() => undefined);
      s.settle();
      if (!s.ended) schedule(s, baseline);
      return;
    }
    const missed = baseline === 'none' ? [] : await missedKinds(client, baseline);
    if (!s.ended && !lost) batch.add(missed);
  };

  const attempt = (s: Session, baseline: Baseline) => {
    const running = connect(s, baseline).finally(() => {
      if (s.connecting === running) s.connecting = null;
    });
    s.connecting = running;
  };

  const schedule = (s: Session, baseline: Baseline) => {
    if (s.ended || s.retry) return;
    const pause = Math.min(retryMs.max, retryMs.first * 2 ** s.attempts);
    s.attempts += 1;
    s.retry = setTimeout(() => {
      s.retry = null;
      attempt(s, baseline);
    }, pause);
    s.retry.unref();
  };

  const stopHeartbeat = (s: Session) => {
    if (s.heartbeat) clearInterval(s.heartbeat);
    s.heartbeat = null;
  };

  const end = async (s: Session) => {
    s.ended = true;
    stopHeartbeat(s);
    if (s.retry) clearTimeout(s.retry);
    const client = s.client;
    s.client = null;
    batch.clear();
    await Promise.all([client?.end().catch(() => undefined), s.connecting]);
  };

  return {
    listen(listener) {
      if (closed) return () => undefined;
      listeners.add(listener);
      if (!session) {
        const s = newSession();
        session = s;
        // Read at once on the pool (a connection is usually idle there), before the LISTEN connection is up.
        const baseline = readSignatures(ctx).catch(() => null);
        attempt(s, baseline);
      }
      let stopped = false;
      return () => {
        if (stopped) return;
        stopped = true;
        listeners.delete(listener);
        if (listeners.size === 0 && session && !standing) {
          void end(session);
          session = null;
        }
      };
    },
    stand() {
      if (closed) return Promise.resolve();
      standing = true;
      if (!session) {
        session = newSession();
        // No one listened before: nothing to catch up.
        attempt(session, 'none');
      }
      return session.settled;
    },
    async close() {
      closed = true;
      listeners.clear();
      if (session) await end(session);
      session = null;
    },
  };
}

/**
 * What the notices could not tell: at subscription, the kinds whose figures moved before the LISTEN took
 * force; after a reconnection (no baseline), every kind.
 */
async function missedKinds(client: pg.Client, baseline: Promise<Signatures | null> | null): Promise<readonly ChangeKind[]> {
  if (baseline === null) return CHANGE_KINDS;
  const before = await baseline;
  let after: Signatures;
  try {
    after = await readSignatures({ query: async (text, params) => (await client.query(text, params as unknown[] | undefined)).rows });
  } catch (error) {
    // A connection that dropped meanwhile reconnects, and then reports every kind.
    return isConnectionLost(error) ? [] : CHANGE_KINDS;
  }
  if (!before) return CHANGE_KINDS;
  return CHANGE_KINDS.filter((kind) => before[kind] !== after[kind]);
}
