/**
 * PostgreSQL migration 1: the team cache as the SQLite cache stands after its eight migrations, in one
 * step, inside the `wolkvox` schema (so the cache can share a database with other things; migrate.ts creates
 * it and applies each step with it as the search path). What differs
 * from SQLite, and why:
 * - Text: every field is `text`, written through text-codec.ts (U+0000 escaped; text cannot hold it).
 *   JSON documents (scores, tags, history changes, sample parameters) are `text` too, not jsonb: jsonb
 *   cannot hold U+0000 either, reorders keys, and the store validates them before writing.
 * - Search: `search` is a tsvector of the row's words as the SQLite index sees them (core/search/tokens.ts
 *   over the visible text of HTML fields), computed by the sync host and indexed by GIN; the `simple`
 *   configuration keeps each word as it is (already folded: lower case, no accents), so no dictionary
 *   or extension decides what a word is, and both backends match the same rows. Chosen by measurement
 *   (BENCHMARKS.md, "PostgreSQL: driver and text search").
 * - Ids: interactions.id is date-ordered as in SQLite (creation second * 65536 + slot), allocated by the
 *   store; the other tables take identity columns.
 * - Change stamps: one row in `change_counter`, updated inside each writing transaction. Its row lock
 *   orders writers as SQLite's write lock does, so a reader that has seen stamp N misses no row stamped
 *   N or less (a sequence would not: numbers are taken in one order and committed in another). Whoever
 *   deletes interactions takes that row lock first, for the same reason about `interaction_removals`.
 * - Append-only: triggers refuse changes to scorecard versions and review history. A purge may delete
 *   review history only inside a transaction that sets `wolkvox.purge` to 'on' (SET LOCAL), the
 *   counterpart of SQLite's purge_gate table.
 * - Samples' names are unique ignoring case (lower(name)), like SQLite's COLLATE NOCASE.
 * A released migration is never edited: the checksum of its text is recorded (migrate.ts).
 */

// The 17 fields are written out (not generated: the text is checksummed) in the SQLite table's order: small
// columns first, long text last, so the columns filters read sit near the start of each row.
export const SCHEMA_V1 = `
CREATE TABLE interactions (
  id bigint PRIMARY KEY,
  uid text NOT NULL UNIQUE,
  server text NOT NULL,
  zone text NOT NULL,
  created_utc bigint,
  closed_utc bigint,
  content_hash text NOT NULL,
  first_synced_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  channel text NOT NULL,
  agent_name text NOT NULL,
  skill_id text NOT NULL,
  case_id text NOT NULL,
  status text NOT NULL,
  cod_act text NOT NULL,
  evaluation_survey text NOT NULL,
  date_creation text NOT NULL,
  close_date text NOT NULL,
  cod_description text NOT NULL,
  subject text NOT NULL,
  from_addr text NOT NULL,
  to_addr text NOT NULL,
  attachments text NOT NULL,
  comments text NOT NULL,
  answer text NOT NULL,
  body text NOT NULL,
  raw text,
  change_seq bigint,
  search tsvector NOT NULL
);
CREATE INDEX interactions_by_agent ON interactions (agent_name, id);
CREATE INDEX interactions_by_status ON interactions (status, id);
CREATE INDEX interactions_by_channel ON interactions (channel, id);
CREATE INDEX interactions_by_skill ON interactions (skill_id, id);
CREATE INDEX interactions_by_cod_act ON interactions (cod_act, id);
CREATE INDEX interactions_by_evaluation ON interactions (evaluation_survey, id);
CREATE INDEX interactions_by_closed ON interactions (closed_utc, id);
CREATE INDEX interactions_by_case ON interactions (case_id, id);
CREATE INDEX interactions_by_change ON interactions (change_seq) WHERE change_seq IS NOT NULL;
CREATE INDEX interactions_search ON interactions USING gin (search);

CREATE TABLE interaction_history (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  interaction_id bigint NOT NULL REFERENCES interactions (id) ON UPDATE CASCADE ON DELETE CASCADE,
  changed_at bigint NOT NULL,
  changed_fields text NOT NULL,
  old_fields text NOT NULL,
  old_raw text NOT NULL,
  old_content_hash text NOT NULL
);
CREATE INDEX interaction_history_by_interaction ON interaction_history (interaction_id, id);

CREATE TABLE change_counter (one integer PRIMARY KEY CHECK (one = 1), seq bigint NOT NULL);
INSERT INTO change_counter (one, seq) VALUES (1, 0);
CREATE TABLE interaction_removals (seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id bigint NOT NULL);
CREATE FUNCTION log_interaction_removal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO wolkvox.interaction_removals (id) VALUES (old.id);
  RETURN NULL;
END $$;
CREATE TRIGGER interactions_removal_logged AFTER DELETE ON interactions
  FOR EACH ROW EXECUTE FUNCTION log_interaction_removal();

CREATE TABLE sync_runs (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  server text NOT NULL,
  mode text NOT NULL CHECK (mode IN ('range', 'incremental')),
  range_start_utc bigint NOT NULL,
  range_end_utc bigint NOT NULL,
  cursor_utc bigint,
  status text NOT NULL CHECK (status IN ('running', 'done', 'failed', 'cancelled')),
  started_at bigint NOT NULL,
  finished_at bigint,
  calls integer NOT NULL DEFAULT 0,
  rows_received integer NOT NULL DEFAULT 0,
  inserted integer NOT NULL DEFAULT 0,
  updated integer NOT NULL DEFAULT 0,
  error_kind text,
  error_message text
);
CREATE INDEX sync_runs_by_server ON sync_runs (server, status, id);

CREATE TABLE sync_calls (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  run_id bigint REFERENCES sync_runs (id),
  server text NOT NULL,
  window_start_utc bigint NOT NULL,
  window_end_utc bigint NOT NULL,
  started_at bigint NOT NULL,
  duration_ms integer NOT NULL,
  outcome text NOT NULL,
  rows integer NOT NULL DEFAULT 0
);
CREATE INDEX sync_calls_by_started ON sync_calls (started_at);
CREATE INDEX sync_calls_by_run ON sync_calls (run_id, id);

CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation';
END $$;

CREATE TABLE scorecards (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id text NOT NULL CHECK (length(id) BETWEEN 1 AND 40),
  version integer NOT NULL CHECK (version >= 1),
  name text NOT NULL,
  pass_mark double precision NOT NULL CHECK (pass_mark BETWEEN 0 AND 100),
  attributes text NOT NULL,
  created_at bigint NOT NULL,
  UNIQUE (id, version)
);
CREATE TRIGGER scorecards_no_update BEFORE UPDATE ON scorecards
  FOR EACH ROW EXECUTE FUNCTION refuse_change('scorecard versions are immutable: save a new version');
CREATE TRIGGER scorecards_no_delete BEFORE DELETE ON scorecards
  FOR EACH ROW EXECUTE FUNCTION refuse_change('scorecard versions are immutable: past reviews refer to them');

CREATE TABLE reviews (
  interaction_uid text PRIMARY KEY,
  status text NOT NULL DEFAULT 'unreviewed' CHECK (status IN ('unreviewed', 'in review', 'pass', 'fail')),
  scorecard_id text NOT NULL,
  scorecard_version integer NOT NULL,
  scores text NOT NULL DEFAULT '{}',
  overall_score double precision CHECK (overall_score IS NULL OR overall_score BETWEEN 0 AND 100),
  note text NOT NULL DEFAULT '',
  tags text NOT NULL DEFAULT '[]',
  reviewer text NOT NULL,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  computed_status text NOT NULL DEFAULT 'unreviewed' CHECK (computed_status IN ('unreviewed', 'in review', 'pass', 'fail')),
  override_status text CHECK (override_status IS NULL OR override_status IN ('pass', 'fail')),
  override_reason text CHECK ((override_reason IS NULL) = (override_status IS NULL) AND (override_reason IS NULL OR length(override_reason) BETWEEN 1 AND 500)),
  FOREIGN KEY (scorecard_id, scorecard_version) REFERENCES scorecards (id, version)
);
CREATE INDEX reviews_by_status ON reviews (status, interaction_uid);

CREATE TABLE review_history (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  interaction_uid text NOT NULL,
  changed_at bigint NOT NULL,
  reviewer text NOT NULL,
  action text NOT NULL CHECK (action IN ('create', 'update', 'rescore')),
  changes text NOT NULL
);
CREATE INDEX review_history_by_uid ON review_history (interaction_uid, id);
CREATE TRIGGER review_history_no_update BEFORE UPDATE ON review_history
  FOR EACH ROW EXECUTE FUNCTION refuse_change('review history is append-only');
CREATE TRIGGER review_history_no_delete BEFORE DELETE ON review_history
  FOR EACH ROW WHEN (current_setting('wolkvox.purge', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION refuse_change('review history is append-only');

CREATE TABLE samples (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  seed text NOT NULL,
  params text NOT NULL,
  filter text NOT NULL,
  created_at bigint NOT NULL
);
CREATE UNIQUE INDEX samples_by_name ON samples (lower(name));

CREATE TABLE sample_members (
  sample_id bigint NOT NULL REFERENCES samples (id) ON DELETE CASCADE,
  interaction_uid text NOT NULL,
  agent_name text NOT NULL,
  stratum text,
  position integer NOT NULL,
  PRIMARY KEY (sample_id, interaction_uid),
  UNIQUE (sample_id, position)
);
CREATE INDEX sample_members_by_uid ON sample_members (interaction_uid);

CREATE TABLE settings (
  key text PRIMARY KEY CHECK (lower(key) NOT LIKE '%token%'),
  value text NOT NULL
);
`;
