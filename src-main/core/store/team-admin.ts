/**
 * Setting up a team cache (the CLI's `team` command), as the layers above the store see it: the backend
 * that can host a team implements it (store/postgres/team), the composition root opens it.
 */
export const TEAM_ROLES = ['sync', 'auditor', 'lead'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

export interface TeamInitResult {
  database: string;
  /** The schema's version after init, and the steps this run applied (none when it was current). */
  schemaVersion: number;
  applied: number[];
  /** The group roles, by the role they play. */
  groups: Record<TeamRole, string>;
}

export interface NewTeamUser {
  name: string;
  role: TeamRole;
  /** Shown once to whoever added the user, never stored in clear anywhere. */
  password: string;
}

export interface TeamAdmin {
  /** Brings the schema up to date with its rights and group roles; safe to run again (after an upgrade, too). */
  init(): Promise<TeamInitResult>;
  /** A new login in a group, with a random password. A name already taken, or not a valid user name, is 'bad-input'. */
  addUser(name: string, role: TeamRole): Promise<NewTeamUser>;
  close(): Promise<void>;
}
