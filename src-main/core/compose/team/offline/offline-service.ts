/**
 * offline/* (api/offline-schemas.ts), above both caches: selections taken from the team cache into this
 * computer's, the reviews waiting to be sent, their push (one at a time, in turn, never two at once),
 * conflicts and their resolution, and the `offline/status` event after each change. The switching service
 * wires it: it tells which team cache is in use and reachable, and hands it saves the team cache could
 * not take (kept-locally.ts).
 */
import type { Handlers, OfflineStatus, ResultOf } from '../../../api/contract';
import { AppError, isAppError } from '../../../errors';
import type { Review } from '../../../reviews/types';
import type { OfflineStore } from '../../../store/offline-copy';
import type { Store } from '../../../store/store';
import { keepLocally, TeamReviewMemo, type SaveArgs } from './kept-locally';
import { pushAll, pushNetworkError, pushOne, pushWithRetry, recordOutcome, recordRefusal, retryingNetwork, type PushRun } from './push';
import { gatherTake } from './take';

export type OfflineHandlers = Pick<Handlers, 'offline/status' | 'offline/take' | 'offline/push' | 'offline/resolve' | 'offline/drop' | 'offline/discard'>;

export interface OfflineDeps {
  /** This computer's cache, opened once and kept; null when it cannot hold offline copies. */
  local(): Promise<OfflineStore | null>;
  /** The team cache's store while the app uses it, and whether it is reachable now; null on this computer's cache. */
  team(): { store: Store; reachable: boolean } | null;
  /** The team cache is chosen but could not be reached (the app may be on this computer's cache for that). */
  teamLost(): boolean;
  /** Who the team cache signs reviews as (its login) and where it is (user@host:port/database). */
  login(): Promise<string>;
  source(): Promise<string>;
  /** A network error met while talking to the team cache (the switching service raises its banner). */
  lost(error: AppError): void;
  emit(status: OfflineStatus): void;
  now: () => number;
  log?: (line: string) => void;
}

const copyReview = (r: Review) => ({ ...r, tags: [...r.tags] });
const TAKE_ON_TEAM = 'Take offline works on the team cache.';

export interface OfflineService {
  handlers: OfflineHandlers;
  /** Sends what waits, in the background (the team cache became reachable). */
  autoPush(): void;
  /** A team cache's reviews/get answer (what a save kept here is computed from). */
  readReview(uid: string, answer: ResultOf<'reviews/get'>): void;
  savedOnTeam(review: Review): void;
  /** A reviews/save the team cache refused with a network error: the review kept here, or null (the error stands). */
  keepSave(args: SaveArgs): Promise<Review | null>;
  /**
   * Before the team cache's reviews/get or reviews/save of `uid`: a save of it kept on this computer is sent
   * first (in turn with pushes), so the review panel shows it and a save there starts from it. Failures are
   * left to the call that follows (a network error raises the banner there).
   */
  sendFirst(uid: string): Promise<void>;
  /** A save on this computer's cache: announced when it waits to be sent. */
  savedHere(uid: string): void;
  /** Runs `work` once no push or offline call runs, and none starts until it ends (a switch of caches closes the team's store). */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export function openOfflineService(d: OfflineDeps): OfflineService {
  const memo = new TeamReviewMemo();
  let pushing = false;
  let queue: Promise<unknown> = Promise.resolve();
  let autoQueued = false;

  const status = async (): Promise<OfflineStatus> => {
    const team = d.team();
    const canTake = team !== null && team.reachable;
    const local = await d.local();
    if (!local) return { sets: [], pending: 0, conflicts: [], refused: [], lastPush: null, canTake: false, pushing };
    const [sets, pending, conflicts, refusals, lastPush] = await Promise.all([
      local.offline.sets(),
      local.offline.pending(),
      local.offline.conflicts(),
      local.offline.refusals(),
      local.offline.lastPush(),
    ]);
    const waiting = new Map(pending.map((p) => [p.uid, p.mine]));
    return {
      sets: sets.map((s) => ({ id: s.id, kind: s.kind, label: s.label, interactions: s.interactions, pending: s.pending, takenAt: s.takenAt, from: s.source })),
      pending: pending.length,
      conflicts: conflicts.map((c) => ({ uid: c.uid, mine: copyReview(c.mine), theirs: copyReview(c.theirs) })),
      // Only those still waiting: a refusal of a review since settled is no longer anyone's concern.
      refused: refusals.flatMap((r) => {
        const mine = waiting.get(r.uid);
        return mine ? [{ uid: r.uid, mine: copyReview(mine), reason: r.reason, at: r.at }] : [];
      }),
      lastPush,
      canTake,
      pushing,
    };
  };
  const announce = () => {
    void status().then(d.emit, (error: unknown) => d.log?.(`offline status not announced: ${error instanceof Error ? error.message : String(error)}`));
  };
  const requireLocal = async () => {
    const local = await d.local();
    if (!local) throw new AppError('bad-input', "Offline copies live in this computer's own cache, which this app is not using.");
    return local;
  };
  /** The team store for a call that needs it now; a network error raises the banner. */
  const onTeam = async <T>(work: (team: Store) => Promise<T>, refusal: () => AppError): Promise<T> => {
    const team = d.team();
    if (!team || !team.reachable) throw refusal();
    try {
      return await work(team.store);
    } catch (error) {
      if (isAppError(error) && error.kind === 'network') d.lost(error);
      throw error;
    }
  };
  const notReachable = () =>
    d.team() === null && !d.teamLost() ? new AppError('bad-input', 'Use the team cache to send the reviews kept on this computer.') : pushNetworkError();

  /**
   * The team cache signs with its login; the saved user name when it does not say. Asked like a push's
   * saves, again after a network error (the first call may meet a connection the drop left dead).
   */
  const signer = (team: Store) => retryingNetwork(async () => (await team.currentUser()) ?? (await d.login()));
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work);
    queue = run.catch(() => undefined);
    return run;
  };
  const runPush = (): Promise<PushRun> =>
    inTurn(async () => {
      const local = await requireLocal();
      return onTeam(async (team) => {
        pushing = true;
        announce();
        try {
          const run = await pushAll({ team, local, reviewer: await signer(team), now: d.now });
          await local.offline.recordPush({ at: d.now(), result: run.result, error: run.error?.message ?? null });
          if (run.error?.kind === 'network') d.lost(run.error);
          return run;
        } finally {
          pushing = false;
          announce();
        }
      }, notReachable);
    });

  const handlers: OfflineHandlers = {
    'offline/status': status,
    'offline/take': async (args) => {
      const local = await requireLocal();
      const refusal = () => new AppError('bad-input', d.team() ? `The team cache cannot be reached now. ${TAKE_ON_TEAM}` : TAKE_ON_TEAM);
      // In turn with pushes: a push recorded between this read and its write would be undone by it.
      const set = await inTurn(async () => {
        const gathered = await onTeam(async (team) => gatherTake(team, args, await d.source()), refusal);
        return local.offline.take(gathered, d.now());
      });
      announce();
      return { id: set.id, kind: set.kind, label: set.label, interactions: set.interactions, pending: set.pending, takenAt: set.takenAt, from: set.source };
    },
    'offline/push': async () => {
      const run = await runPush();
      if (run.error?.kind === 'network') throw run.error;
      return run.result;
    },
    'offline/resolve': async ({ uid, keep }) => {
      const local = await requireLocal();
      const fresh = await local.offline.freshConflict(uid);
      if (!fresh) throw new AppError('bad-input', 'That conflict is already settled.');
      if (fresh.changed) {
        announce();
        throw new AppError('bad-input', 'Your review of this interaction changed after the conflict was found: it is shown again, choose once more.');
      }
      const found = fresh.conflict;
      if (keep === 'theirs') await local.offline.takeTheirs(uid, found.theirs);
      else {
        // Mine over theirs: a save naming their version, so the team's history keeps theirs.
        await inTurn(() =>
          onTeam(async (team) => {
            const item = { uid, mine: found.mine, base: found.theirs.version };
            await recordOutcome(local, item, await pushOne(team, await signer(team), found.mine, found.theirs.version, d.now()), d.now());
          }, notReachable),
        ).catch((error: unknown) => {
          throw isAppError(error) && error.kind === 'network' ? pushNetworkError(error) : error;
        });
      }
      announce();
      return status();
    },
    'offline/drop': async ({ id }) => {
      await (await requireLocal()).offline.drop(id);
      announce();
      return status();
    },
    'offline/discard': async ({ uid }) => {
      const local = await requireLocal();
      // In turn with pushes: never while this review is being sent. Nothing is said to the team cache.
      await inTurn(() => local.offline.discard(uid));
      announce();
      return status();
    },
  };

  return {
    handlers,
    autoPush() {
      if (autoQueued) return;
      autoQueued = true;
      void (async () => {
        try {
          const local = await d.local();
          if (!local || (await local.offline.pending()).length === 0) return;
          await runPush();
        } finally {
          autoQueued = false;
        }
      })().catch((error: unknown) => d.log?.(`offline reviews not sent: ${error instanceof Error ? error.message : String(error)}`));
    },
    readReview: (uid, answer) => memo.read(uid, answer),
    savedOnTeam: (review) => memo.saved(review),
    async keepSave(args) {
      const local = await d.local();
      if (!local) return null;
      const kept = await keepLocally({ local, memo, reviewer: await d.login(), now: d.now() }, args);
      if (kept) announce();
      return kept;
    },
    async sendFirst(uid) {
      const team = d.team();
      const local = team ? await d.local() : null;
      if (!team || !local || (await local.offline.pending(uid)).length === 0) return;
      await inTurn(async () => {
        // A push may have sent it meanwhile.
        const [item] = await local.offline.pending(uid);
        if (!item) return;
        try {
          await recordOutcome(local, item, await pushWithRetry(team.store, local, await signer(team.store), item, d.now()), d.now());
        } catch (error) {
          if (isAppError(error)) await recordRefusal(local, uid, error, d.now());
          throw error;
        } finally {
          announce();
        }
      }).catch((error: unknown) => d.log?.(`a review kept on this computer was not sent first: ${error instanceof Error ? error.message : String(error)}`));
    },
    savedHere(uid) {
      void (async () => {
        const local = await d.local();
        if (local && (await local.offline.holds(uid))) announce();
      })().catch(() => undefined);
    },
    exclusive: (work) => inTurn(work),
    close: () => inTurn(async () => undefined),
  };
}
