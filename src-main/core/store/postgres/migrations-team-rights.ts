/**
 * PostgreSQL migration "team rights": who may write what, enforced by the server (issue 19, point 4).
 * Three group roles, NOLOGIN, cluster-wide like every PostgreSQL role (one server hosts one team:
 * team/team-admin.ts says why): people log in as their own user, a member of one group.
 * - wolkvox_sync (the sync host): reads what ingest and the sync plan read; writes interactions, their
 *   history, the change counter, the sync log (runs and calls), and its auto-sync marks in settings.
 * - wolkvox_auditor: reads the cache (interactions, the sync log, scorecards, reviews and their history,
 *   samples, settings); writes its own reviews and review history. Row-level security makes "own" the
 *   login: reviewer = session_user (not current_user, which SET ROLE changes).
 * - wolkvox_lead: a member of wolkvox_auditor, and also manages scorecards (new versions), samples,
 *   settings, retention and removal (deleting interactions with what hangs off them, purging review
 *   history through the wolkvox.purge gate, a server's sync runs).
 * Every group may add the cache's id to settings once (the first desktop to open the cache names it).
 * Nothing is granted to PUBLIC. The schema's owner (the administrator who ran `team init`) is not bound
 * by row-level security; a table a later migration adds must grant its own rights (team-rights test).
 * The roles are made here when missing, so this step stands alone on any server (it needs CREATEROLE).
 */
export const TEAM_RIGHTS_SQL = `
DO $$
DECLARE r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['wolkvox_sync', 'wolkvox_auditor', 'wolkvox_lead'] LOOP
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = r) THEN
      BEGIN
        EXECUTE format('CREATE ROLE %I NOLOGIN', r);
      EXCEPTION WHEN duplicate_object OR unique_violation THEN
        NULL; -- made meanwhile by the same step in another database of this server
      END;
    END IF;
  END LOOP;
  IF NOT pg_has_role('wolkvox_lead', 'wolkvox_auditor', 'MEMBER') THEN
    GRANT wolkvox_auditor TO wolkvox_lead;
  END IF;
END $$;

REVOKE ALL ON SCHEMA wolkvox FROM PUBLIC;
GRANT USAGE ON SCHEMA wolkvox TO wolkvox_sync, wolkvox_auditor;

GRANT SELECT ON schema_migrations, settings, change_counter, interaction_removals, interactions, interaction_history, sync_runs, sync_calls
  TO wolkvox_sync, wolkvox_auditor;
GRANT SELECT ON scorecards, reviews, review_history, samples, sample_members TO wolkvox_auditor;

GRANT INSERT, UPDATE ON interactions TO wolkvox_sync;
GRANT INSERT ON interaction_history TO wolkvox_sync;
-- A re-synced row whose creation second moved (a zone change) moves its id: the old one is logged as removed.
GRANT INSERT ON interaction_removals TO wolkvox_sync;
GRANT UPDATE ON change_counter TO wolkvox_sync, wolkvox_lead;
GRANT INSERT, UPDATE ON sync_runs TO wolkvox_sync;
GRANT INSERT ON sync_calls TO wolkvox_sync;
GRANT INSERT, UPDATE ON settings TO wolkvox_sync, wolkvox_auditor;

GRANT INSERT, UPDATE ON reviews TO wolkvox_auditor;
GRANT INSERT ON review_history TO wolkvox_auditor;

GRANT INSERT ON scorecards TO wolkvox_lead;
GRANT INSERT, UPDATE, DELETE ON samples, sample_members TO wolkvox_lead;
GRANT DELETE ON settings, interactions, interaction_history, reviews, review_history, sync_runs TO wolkvox_lead;
GRANT INSERT ON interaction_removals TO wolkvox_lead;
GRANT UPDATE (run_id) ON sync_calls TO wolkvox_lead;

ALTER TABLE reviews ENABLE ROW LEVEL SECURITY;
CREATE POLICY reviews_read ON reviews FOR SELECT TO wolkvox_auditor USING (true);
CREATE POLICY reviews_own_insert ON reviews FOR INSERT TO wolkvox_auditor WITH CHECK (reviewer = session_user);
CREATE POLICY reviews_own_update ON reviews FOR UPDATE TO wolkvox_auditor USING (reviewer = session_user) WITH CHECK (reviewer = session_user);
CREATE POLICY reviews_lead_delete ON reviews FOR DELETE TO wolkvox_lead USING (true);

ALTER TABLE review_history ENABLE ROW LEVEL SECURITY;
CREATE POLICY review_history_read ON review_history FOR SELECT TO wolkvox_auditor USING (true);
CREATE POLICY review_history_own_insert ON review_history FOR INSERT TO wolkvox_auditor WITH CHECK (reviewer = session_user);
CREATE POLICY review_history_lead_delete ON review_history FOR DELETE TO wolkvox_lead USING (true);

ALTER TABLE settings ENABLE ROW LEVEL SECURITY;
CREATE POLICY settings_read ON settings FOR SELECT TO wolkvox_sync, wolkvox_auditor USING (true);
CREATE POLICY settings_cache_id ON settings FOR INSERT TO wolkvox_sync, wolkvox_auditor WITH CHECK (key = 'cacheId');
CREATE POLICY settings_sync_marks_insert ON settings FOR INSERT TO wolkvox_sync WITH CHECK (key LIKE 'autoSync.refreshed.%');
CREATE POLICY settings_sync_marks_update ON settings FOR UPDATE TO wolkvox_sync
  USING (key LIKE 'autoSync.refreshed.%') WITH CHECK (key LIKE 'autoSync.refreshed.%');
CREATE POLICY settings_lead_insert ON settings FOR INSERT TO wolkvox_lead WITH CHECK (true);
CREATE POLICY settings_lead_update ON settings FOR UPDATE TO wolkvox_lead USING (true) WITH CHECK (true);
CREATE POLICY settings_lead_delete ON settings FOR DELETE TO wolkvox_lead USING (true);
`;
