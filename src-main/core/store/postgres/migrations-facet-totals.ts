/**
 * PostgreSQL migration (counts and facets at scale): per agent, each facet field's values with their row
 * counts, kept by the database itself as interactions change. The desktop opens on the whole cache, and an
 * auditor's commonest filter is an agent; counting those, and their six facets, read every selected row of
 * a 10,000,000-row cache (seconds per facet); these totals answer them by reading a few hundred rows. Any
 * other filter still counts its rows.
 *
 * Statement triggers with transition tables: one set-based change per statement (a window's COPY, its
 * UPDATE, a purge's DELETE), in the writer's own transaction, so the totals always describe exactly the
 * rows a reader's snapshot sees, whoever wrote them (the sync host, a lead's purge or retention, the
 * migration's owner). SECURITY DEFINER with a fixed search path: the writers' roles get no right on the
 * table, only the readers a SELECT. Every writer of interactions holds the change counter's row lock
 * (schema-v1.ts), so two statements never race on a total.
 */
const FIELDS = ['agent_name', 'skill_id', 'channel', 'status', 'cod_act', 'evaluation_survey'] as const;

/** Each row of `source` as (agent, field, value), one per facet field. */
const pairsOf = (source: string) =>
  `SELECT r.agent_name AS agent, f.field, f.value FROM ${source} r CROSS JOIN LATERAL (VALUES ${FIELDS.map((c) => `('${c}', r.${c})`).join(', ')}) AS f(field, value)`;

/**
 * A total's key: a digest of its agent, field and value, never the texts themselves, which come from the API
 * and may be long enough (100 KB) to exceed what a B-tree entry may hold. The field has no ':' and the
 * agent's length delimits it, so two different triples never give the same text.
 */
const KEY = `sha256(convert_to(field || ':' || length(agent) || ':' || agent || value, 'UTF8'))`;
const SAME = 't.key = d.key';
/** One statement that adds a delta (agent, field, value, d) to the totals: a total that reaches zero is removed. */
const applied = (delta: string) => `
    WITH d AS (SELECT ${KEY} AS key, agent, field, value, d FROM (${delta}) delta),
    gone AS (DELETE FROM facet_totals t USING d WHERE ${SAME} AND t.count + d.d = 0),
    fewer AS (UPDATE facet_totals t SET count = t.count + d.d FROM d WHERE ${SAME} AND d.d < 0 AND t.count + d.d > 0)
    INSERT INTO facet_totals AS t (key, agent, field, value, count) SELECT key, agent, field, value, d FROM d WHERE d > 0
      ON CONFLICT (key) DO UPDATE SET count = t.count + EXCLUDED.count`;

export const FACET_TOTALS_SQL = `
CREATE TABLE facet_totals (
  key bytea PRIMARY KEY,
  agent text NOT NULL,
  field text NOT NULL,
  value text NOT NULL,
  count bigint NOT NULL CHECK (count > 0)
);

CREATE FUNCTION facet_totals_follow() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = wolkvox, pg_temp AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM facet_totals;
  ELSIF TG_OP = 'INSERT' THEN${applied(`SELECT agent, field, value, count(*) AS d FROM (${pairsOf('new_rows')}) p GROUP BY 1, 2, 3`)};
  ELSIF TG_OP = 'DELETE' THEN${applied(`SELECT agent, field, value, -count(*) AS d FROM (${pairsOf('old_rows')}) p GROUP BY 1, 2, 3`)};
  ELSE${applied(`SELECT agent, field, value, sum(d) AS d FROM (
      SELECT agent, field, value, 1 AS d FROM (${pairsOf('new_rows')}) n
      UNION ALL
      SELECT agent, field, value, -1 FROM (${pairsOf('old_rows')}) o) p
    GROUP BY 1, 2, 3 HAVING sum(d) <> 0`)};
  END IF;
  RETURN NULL;
END $$;
REVOKE EXECUTE ON FUNCTION facet_totals_follow() FROM PUBLIC;

CREATE TRIGGER facet_totals_inserted AFTER INSERT ON interactions REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION facet_totals_follow();
CREATE TRIGGER facet_totals_updated AFTER UPDATE ON interactions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION facet_totals_follow();
CREATE TRIGGER facet_totals_deleted AFTER DELETE ON interactions REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION facet_totals_follow();
CREATE TRIGGER facet_totals_truncated AFTER TRUNCATE ON interactions
  FOR EACH STATEMENT EXECUTE FUNCTION facet_totals_follow();

INSERT INTO facet_totals (key, agent, field, value, count)
  SELECT ${KEY}, agent, field, value, n FROM (SELECT agent, field, value, count(*) AS n FROM (${pairsOf('interactions')}) p GROUP BY 1, 2, 3) g;

GRANT SELECT ON facet_totals TO wolkvox_sync, wolkvox_auditor;
`;
