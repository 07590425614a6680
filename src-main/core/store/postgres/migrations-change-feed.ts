/**
 * PostgreSQL migration 5: the change feed's notices (feed/change-feed.ts). After each statement that changed
 * rows of a table, a NOTIFY on one channel names the kind of data (the port's ChangeKind) and the writer (the
 * `wolkvox.writer` setting each store puts on its connections, pg-context.ts), so a store can leave out its
 * own commits. PostgreSQL delivers notices at commit only, and once per transaction for equal payloads, so a
 * window of ten thousand rows is one notice.
 *
 * Statement-level triggers, one per event: the small tables pass their changed rows as a transition table
 * and notify only when it has any (an INSERT … ON CONFLICT DO NOTHING that inserted nothing is no change).
 * `interactions` notifies for every statement instead: keeping the sync's rows a second time, for a count,
 * would cost ingest speed, and a statement that changed no interaction costs a listener one refresh.
 * `interaction_history`, `change_counter` and `interaction_removals` are only written with `interactions`.
 * The text is checksummed (migrations.ts): written out, never generated.
 */
export const CHANGE_CHANNEL = 'wolkvox_changes';

export const CHANGE_FEED_SQL = `
CREATE FUNCTION notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('wolkvox_changes', TG_ARGV[0] || ' ' || coalesce(current_setting('wolkvox.writer', true), ''));
  RETURN NULL;
END $$;
CREATE FUNCTION notify_rows_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT FROM changed) THEN
    PERFORM pg_notify('wolkvox_changes', TG_ARGV[0] || ' ' || coalesce(current_setting('wolkvox.writer', true), ''));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER interactions_noticed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON interactions
  FOR EACH STATEMENT EXECUTE FUNCTION notify_change('interactions');
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES
    ('reviews', 'reviews'), ('review_history', 'reviews'),
    ('samples', 'samples'), ('sample_members', 'samples'),
    ('scorecards', 'scorecards'),
    ('settings', 'settings'),
    ('sync_runs', 'syncRuns'), ('sync_calls', 'syncRuns')
  ) AS v (tab, kind) LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION notify_rows_changed(%L)', t.tab || '_insert_noticed', t.tab, t.kind);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION notify_rows_changed(%L)', t.tab || '_update_noticed', t.tab, t.kind);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION notify_rows_changed(%L)', t.tab || '_delete_noticed', t.tab, t.kind);
  END LOOP;
END $$;
`;
