/** TEMPORARY skeleton (this session): the settings part of the PostgreSQL store, being built. */
import type { PgContext } from '../pg-context';
import { notBuilt, type PgSettings } from '../parts';

export function pgSettings(_ctx: PgContext): PgSettings {
  return notBuilt<PgSettings>(["getSetting", "setSetting", "updateSettings"]);
}
