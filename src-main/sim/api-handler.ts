import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ZoneConverter } from '../core/time/zone';
import { recordState } from './dataset';
import { dayOfWallClock } from './days';
import { hashString, mixSeed } from './prng';
import type { RecordSource } from './record-source';
import { parseReportQuery, type ReportQuery } from './report-query';
import * as answers from './responses';
import type { Reply } from './responses';
import type { FaultName, SimState } from './sim-state';

/**
 * The two endpoints of the service. Checks run in the vendor's likely order: token present, token
 * valid, quota left (then one unit charged), not too many in flight, then any injected fault, then
 * the report's own parameters. Latency and hangs are waited out while the request counts as in flight.
 */
export interface ApiContext {
  state: SimState;
  source: RecordSource;
  zone: ZoneConverter;
  seed: number;
  tokens: ReadonlySet<string>;
  maxInFlightPerToken: number;
  rowCap: number;
  order: 'ascending' | 'shuffled';
  /** Waits ms unless the response closes (or the simulator stops) first; resolves true when still open. */
  wait: (ms: number, res: ServerResponse) => Promise<boolean>;
  /** Waits while answers are held (the `hold` fault); resolves true when the response is still open. */
  hold: (res: ServerResponse) => Promise<boolean>;
}

export const REPORT_PATH = '/api/v2/reports_manager.php';
export const INFO_PATH = '/api/v2/information.php';

type Verdict = { reply: Reply } | { fault: FaultName | null };

function admit(ctx: ApiContext, token: string, inFlight: number): Verdict {
  if (!token) return { reply: answers.apiError('missing-token') };
  if (!ctx.tokens.has(token)) return { reply: answers.apiError('invalid-token') };
  if (!ctx.state.chargeQuota()) return { reply: answers.apiError('quota') };
  if (inFlight > ctx.maxInFlightPerToken) return { reply: answers.apiError('concurrency') };
  return { fault: ctx.state.takeFault() };
}

function faultReply(ctx: ApiContext, fault: FaultName): Reply | null {
  switch (fault) {
    case '500':
      return answers.serverError();
    case '502':
      return answers.badGateway();
    case 'html':
      return answers.htmlInsteadOfJson();
    case 'maintenance':
      return answers.maintenance(ctx.state.nextMaintenance());
    case 'concurrency':
      return answers.apiError('concurrency', 'fault-concurrency');
    case 'message':
      return answers.errorWithMessage(ctx.state.faultMessage());
    case 'truncated':
    case 'reset':
      return null;
  }
}

function reportReply(ctx: ApiContext, query: ReportQuery): Reply {
  const variantSeed = mixSeed(ctx.seed, hashString(`${query.dateIni}|${query.dateEnd}`));
  const now = ctx.state.now();
  const records = ctx.source.inRange({
    iniUtcMs: ctx.zone.wallClockToUtc(query.ini),
    endUtcMs: ctx.zone.wallClockToUtc(query.end),
    iniDay: dayOfWallClock(query.ini),
    endDay: dayOfWallClock(query.end),
    nowUtcMs: now,
    limit: ctx.rowCap,
    shuffleSeed: ctx.order === 'shuffled' ? variantSeed : null,
  });
  if (records.length === 0) return answers.noRecords();
  const variant = { codeAsString: (variantSeed & 3) === 0, singleObject: (variantSeed & 4) !== 0 };
  return answers.success(
    records.map((r) => recordState(r, now)),
    variant,
  );
}

export async function serveApi(ctx: ApiContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  ctx.state.countRequest();
  const isReport = url.pathname === REPORT_PATH;
  const header = req.headers['wolkvox-token'];
  const token = (Array.isArray(header) ? header[0] : header)?.trim() ?? '';
  let inFlight = 0;
  if (token) {
    inFlight = ctx.state.enter(token);
    // Out of flight once the last byte is handed to the socket ('finish'), or the client is gone ('close').
    let left = false;
    const leave = () => {
      if (!left) ctx.state.leave(token);
      left = true;
    };
    res.once('finish', leave);
    res.once('close', leave);
  }
  const verdict = admit(ctx, token, inFlight);
  const fault = 'fault' in verdict ? verdict.fault : null;
  const dateIni = url.searchParams.get('date_ini') ?? '';
  const dateEnd = url.searchParams.get('date_end') ?? '';
  const record = (outcome: string, status: number, rows: number) =>
    ctx.state.recordOutcome(outcome, isReport ? { dateIni, dateEnd, status, rows } : undefined);

  if (!(await ctx.wait(ctx.state.delayMs(), res)) || !(await ctx.hold(res))) {
    record('aborted', 0, 0);
    return;
  }
  if (fault === 'reset') {
    record('fault-reset', 0, 0);
    req.socket.destroy();
    return;
  }
  let reply = 'reply' in verdict ? verdict.reply : fault ? faultReply(ctx, fault) : null;
  if (!reply) {
    if (isReport) {
      const parsed = parseReportQuery(url.searchParams, 'chat_4');
      reply = parsed.ok ? reportReply(ctx, parsed.query) : parsed.reply;
    } else {
      const api = url.searchParams.get('api');
      const quota = ctx.state.quota();
      reply =
        api === 'token_info'
          ? answers.tokenInfo(quota.limit, quota.used, quota.day)
          : answers.apiError(api ? 'unknown-api' : 'bad-params');
    }
    if (fault === 'truncated') reply = answers.truncated(reply);
  }
  record(reply.outcome, reply.status, reply.rows);
  answers.writeReply(res, reply);
}
