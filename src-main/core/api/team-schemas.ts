/**
 * The team cache as the UI sees it (Settings → Team cache): the connection's fields, which cache is in use,
 * and why the team cache is not, in a reason the UI words in the user's language. The password never
 * travels back: the UI only learns whether the keychain holds one. No path is ever chosen by the UI: the
 * CA file is picked in the host's own file dialog (team/choose-ca-file) and shown by name.
 */
import { z } from 'zod';
import { errorInfoSchema } from './schemas';

/**
 * A scorecard save refused by the team cache's rights (only leads manage scorecards): the store's words,
 * which the UI knows by kind 'auth' and this text and says in the user's language.
 */
export const LEAD_ONLY_SCORECARD = 'Only a lead can change the scorecard on the team cache.';

/** TLS as the form offers it: `verify-full` (required off this machine) or, on loopback only, none. */
export const TEAM_TLS = ['verify-full', 'disable'] as const;

export const teamFieldsSchema = z
  .object({
    host: z.string().trim().min(1).max(255),
    port: z.number().int().min(1).max(65535),
    database: z.string().trim().min(1).max(63),
    user: z.string().trim().min(1).max(63),
    tls: z.enum(TEAM_TLS),
  })
  .strict();
export type TeamFields = z.infer<typeof teamFieldsSchema>;

/**
 * Why a team cache could not be opened, as a supervisor can act on it: wrong user or password, no
 * password saved yet, server unreachable, its certificate not proved, no such database, a database written
 * by a newer app, a server older than PostgreSQL 15, or anything else (the message says what).
 */
export const TEAM_PROBLEMS = ['auth', 'no-password', 'unreachable', 'tls', 'no-database', 'newer', 'old-server', 'other'] as const;
export type TeamProblemReason = (typeof TEAM_PROBLEMS)[number];
export const teamProblemSchema = z.object({ reason: z.enum(TEAM_PROBLEMS), error: errorInfoSchema });
export type TeamProblem = z.infer<typeof teamProblemSchema>;

export const teamStatusSchema = z.object({
  /** The cache the app works on now: this computer's, or the team's. */
  using: z.enum(['local', 'team']),
  /** The user chose the team cache (it may still be closed: `problem` says why). */
  chosen: z.boolean(),
  /** The saved connection (null until saved), with the CA file's name only (not its folder). */
  fields: teamFieldsSchema.nullable(),
  caFileName: z.string().nullable(),
  /** The keychain holds a password for this server, database and user. */
  passwordSaved: z.boolean(),
  /** The host can ask for a CA file (the desktop app's file dialog; the browser host cannot). */
  canChooseCaFile: z.boolean(),
  /** Why the chosen team cache is not open, or was lost: set until a retry succeeds. */
  problem: teamProblemSchema.nullable(),
  /** The team cache's address without the password, for the banner (null when none is saved). */
  address: z.string().nullable(),
});
export type TeamStatus = z.infer<typeof teamStatusSchema>;

/**
 * This machine (localhost, 127.0.0.0/8, ::1): the one place a team cache may be reached without TLS. The
 * form says so before sending; the store's configuration (store/postgres/config.ts) enforces the same rule.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}
