import type { ZoneConverter } from '../core/time/zone';
import { localDayOf } from './days';
import type { Rng } from './prng';

/** The mutable side of one simulator: quota, requests in flight, faults, statistics. One instance per simulator. */
export const FAULT_NAMES = ['500', '502', 'html', 'truncated', 'maintenance', 'concurrency', 'reset', 'message'] as const;
export type FaultName = (typeof FAULT_NAMES)[number];

/**
 * Random faults (failRate) are drawn only from what a correct client retries; a random HTML page or
 * truncated body would make every "survives random faults" test fail for the wrong reason.
 */
const RANDOM_FAULTS: readonly FaultName[] = ['500', '502', 'maintenance', 'concurrency', 'reset'];

/** Long-running demo simulators would otherwise grow this list forever. */
const MAX_CALLS_KEPT = 50_000;

export interface SimFaults {
  latencyMs?: number;
  /** Delay before answering, to provoke client timeouts. */
  hangMs?: number;
  /**
   * Holds every API answer (after latency and hang, the request counting as in flight) until faults without
   * `hold` are set, which lets all the held ones go: a test decides when a request ends, not a delay.
   */
  hold?: boolean;
  /** Consumed one per request, in order. */
  failNext?: Array<'500' | '502' | 'html' | 'truncated' | 'maintenance' | 'concurrency' | 'reset' | 'message'>;
  /** The `message` fault's text: an API error (code 400) whose `msg` is this, as hostile as a test wants. */
  message?: string;
  /** 0..1: random transient faults from a seeded RNG. */
  failRate?: number;
}

export interface SimCall {
  dateIni: string;
  dateEnd: string;
  /** HTTP status sent; 0 when the connection was reset or the client left first. */
  status: number;
  rows: number;
}

export interface SimStats {
  requests: number;
  quotaUsed: number;
  maxInFlightPerToken: number;
  byOutcome: Record<string, number>;
  calls: SimCall[];
}

export class SimState {
  private faults: SimFaults = {};
  private quotaDay = '';
  private quotaUsed = 0;
  private readonly inFlight = new Map<string, number>();
  private requests = 0;
  private maxInFlight = 0;
  private byOutcome: Record<string, number> = {};
  private calls: SimCall[] = [];
  private maintenanceCount = 0;
  /** Open while `hold` is set: held answers wait for it. */
  private holdGate: { released: Promise<void>; release: () => void } | null = null;

  constructor(
    private readonly quotaPerDay: number,
    private readonly zone: ZoneConverter,
    private clockFn: () => number,
    private readonly faultRng: Rng,
  ) {}

  now(): number {
    return this.clockFn();
  }

  /** The clock function in use (so a control call can shift it). */
  clock(): () => number {
    return this.clockFn;
  }

  setNow(fn: () => number): void {
    this.clockFn = fn;
  }

  setFaults(faults: SimFaults): void {
    this.faults = { ...faults, failNext: faults.failNext ? [...faults.failNext] : undefined };
    if (faults.hold && !this.holdGate) {
      let release = () => {};
      const released = new Promise<void>((resolve) => (release = resolve));
      this.holdGate = { released, release };
    } else if (!faults.hold && this.holdGate) {
      this.holdGate.release();
      this.holdGate = null;
    }
  }

  /** What a held answer waits for, or null when answers are not held. */
  held(): Promise<void> | null {
    return this.holdGate?.released ?? null;
  }

  /** Delay added before answering: latency plus any hang. */
  delayMs(): number {
    return Math.max(0, (this.faults.latencyMs ?? 0) + (this.faults.hangMs ?? 0));
  }

  /** The next queued fault, else a random retryable one at failRate, else null. */
  /** The text the `message` fault answers with. */
  faultMessage(): string {
    return this.faults.message ?? 'Simulated error';
  }

  takeFault(): FaultName | null {
    const queued = this.faults.failNext?.shift();
    if (queued) return queued;
    const rate = this.faults.failRate ?? 0;
    if (rate > 0 && this.faultRng() < rate) return RANDOM_FAULTS[Math.floor(this.faultRng() * RANDOM_FAULTS.length)]!;
    return null;
  }

  /** Counts maintenance answers so they alternate between their two shapes. */
  nextMaintenance(): number {
    return this.maintenanceCount++;
  }

  /** Today's use; the counter starts again at 0 when the sim clock enters a new local day. */
  quota(): { limit: number; used: number; day: string } {
    const day = localDayOf(this.zone, this.clockFn());
    if (day !== this.quotaDay) {
      this.quotaDay = day;
      this.quotaUsed = 0;
    }
    return { limit: this.quotaPerDay, used: this.quotaUsed, day };
  }

  /** Charges one unit; false (and nothing charged) when today's quota is already used up. */
  chargeQuota(): boolean {
    const { limit, used } = this.quota();
    if (used >= limit) return false;
    this.quotaUsed++;
    return true;
  }

  /** Registers a request in flight for this token; returns how many are in flight now, itself included. */
  enter(token: string): number {
    const n = (this.inFlight.get(token) ?? 0) + 1;
    this.inFlight.set(token, n);
    if (n > this.maxInFlight) this.maxInFlight = n;
    return n;
  }

  leave(token: string): void {
    const n = (this.inFlight.get(token) ?? 1) - 1;
    if (n <= 0) this.inFlight.delete(token);
    else this.inFlight.set(token, n);
  }

  countRequest(): void {
    this.requests++;
  }

  recordOutcome(outcome: string, call?: SimCall): void {
    this.byOutcome[outcome] = (this.byOutcome[outcome] ?? 0) + 1;
    if (!call) return;
    this.calls.push(call);
    if (this.calls.length > MAX_CALLS_KEPT) this.calls.splice(0, this.calls.length - MAX_CALLS_KEPT);
  }

  stats(): SimStats {
    return {
      requests: this.requests,
      quotaUsed: this.quota().used,
      maxInFlightPerToken: this.maxInFlight,
      byOutcome: { ...this.byOutcome },
      calls: this.calls.map((c) => ({ ...c })),
    };
  }

  /** Clears counters and today's quota use (so one simulator can serve several tests); faults stay. */
  resetStats(): void {
    this.requests = 0;
    this.maxInFlight = 0;
    this.byOutcome = {};
    this.calls = [];
    this.quotaUsed = 0;
  }
}
