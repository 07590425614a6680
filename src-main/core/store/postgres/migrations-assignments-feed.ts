/**
 * PostgreSQL migration 7: the change feed (migration 5, migrations-change-feed.ts) reports the team's split
 * of the work as the kind `assignments`: a sample's assignments, the calibrations, their auditors, members
 * and scores (migration 4). The same statement-level triggers with transition tables as migration 5's small
 * tables, calling its notify_rows_changed(): they run as the writer (an auditor saving a calibration score,
 * a lead splitting a sample or deleting a calibration, the cascades of a sample's removal), need no right
 * beyond the write's own (pg_notify needs none, a transition table is not under row-level security), and
 * name the writer so that its own store leaves the notice out. The text is checksummed: written out.
 */
export const ASSIGNMENTS_FEED_SQL = `
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES
    ('assignments'), ('calibrations'), ('calibration_auditors'), ('calibration_members'), ('calibration_scores')
  ) AS v (tab) LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION notify_rows_changed(%L)', t.tab || '_insert_noticed', t.tab, 'assignments');
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION notify_rows_changed(%L)', t.tab || '_update_noticed', t.tab, 'assignments');
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION notify_rows_changed(%L)', t.tab || '_delete_noticed', t.tab, 'assignments');
  END LOOP;
END $$;
`;
