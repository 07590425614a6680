import type { TeamFields } from '../api/team-schemas';
import { badInput } from '../errors';
import type { PreferenceFile } from './preference-file';
import type { TeamPrefs } from './schema';

/**
 * The team cache this user joins, in their preferences file (user scope: the same whichever cache is
 * open, since the choice is which cache to open). The password is not here: the keychain holds it.
 */
export class TeamPreferences {
  constructor(private readonly file: PreferenceFile) {}

  async get(): Promise<TeamPrefs | null> {
    return (await this.file.read()).user.team ?? null;
  }

  /** New connection fields; the CA file is kept unless cleared, and so is the choice to use it. */
  async saveFields(fields: TeamFields, clearCaFile: boolean): Promise<TeamPrefs> {
    return this.change((t) => ({ fields, caFile: clearCaFile ? null : (t?.caFile ?? null), use: t?.use ?? false }));
  }

  async setCaFile(caFile: string): Promise<TeamPrefs> {
    return this.change((t) => {
      if (!t) throw badInput('Save the team cache connection first.');
      return { ...t, caFile };
    });
  }

  async setUse(use: boolean): Promise<void> {
    if ((await this.get())?.use === use) return;
    await this.change((t) => (t ? { ...t, use } : t));
  }

  private async change(next: (current: TeamPrefs | null) => TeamPrefs | null): Promise<TeamPrefs> {
    const written = await this.file.update((p) => {
      const team = next(p.user.team ?? null);
      return { ...p, user: { ...p.user, team: team ?? undefined } };
    });
    const team = written.user.team;
    if (!team) throw badInput('Save the team cache connection first.');
    return team;
  }
}
