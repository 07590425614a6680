/**
 * PostgreSQL migration (counts and facets at scale): each facet field's values with their row counts over
 * the whole cache, kept by the database itself as interactions change. The desktop opens on the whole
 * cache; counting it, and its six facets, read every row of a 10,000,000-row cache (seconds per facet, on
 * the column's index); these totals answer them by reading a few hundred rows. A filtered count or facet
 * still counts its rows.
 *
 * Statement triggers with transition tables: one set-based change per statement (a window's COPY, its
 * UPDATE, a purge's DELETE), in the writer's own transaction, so the totals always describe exactly the
 * rows a reader's snapshot sees, whoever wrote them (the sync host, a lead's purge or retention, the
 * migration's owner). SECURITY DEFINER with a fixed search path: the writers' roles get no right on the
 * table, only the readers a SELECT. Every writer of interactions holds the change counter's row lock
 * (schema-v1.ts), so two statements never race on a total.
 */
const FIELDS = ['agent_name', 'skill_id', 'channel', 'status', 'cod_act', 'evaluation_survey'] as const;

/** Each row of `source` as (field, value) pairs, one per facet field. */
const pairsOf = (source: string) =>
  `SELECT f.field, f.value FROM ${source} r CROSS JOIN LATERAL (VALUES ${FIELDS.map((c) => `('${c}', r.${c})`).join(', ')}) AS f(field, value)`;

/** One statement that adds a delta (field, value, d) to the totals: a total that reaches zero is removed. */
const applied = (delta: string) => `
    WITH d AS (${delta}),
    gone AS (DELETE FROM facet_totals t USING d WHERE t.field = d.field AND t.value = d.value AND t.count + d.d = 0),
    fewer AS (UPDATE facet_totals t SET count = t.count + d.d FROM d WHERE t.field = d.field AND t.value = d.value AND d.d < 0 AND t.count + d.d > 0)
    INSERT INTO facet_totals AS t (field, value, count) SELECT field, value, d FROM d WHERE d > 0
      ON CONFLICT (field, value) DO UPDATE SET count = t.count + EXCLUDED.count`;

export const FACET_TOTALS_SQL = `
CREATE TABLE facet_totals (
  field text NOT NULL,
  value text NOT NULL,
  count bigint NOT NULL CHECK (count > 0),
  PRIMARY KEY (field, value)
);

CREATE FUNCTION facet_totals_follow() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = wolkvox, pg_temp AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM facet_totals;
  ELSIF TG_OP = 'INSERT' THEN${applied(`SELECT field, value, count(*) AS d FROM (${pairsOf('new_rows')}) p GROUP BY 1, 2`)};
  ELSIF TG_OP = 'DELETE' THEN${applied(`SELECT field, value, -count(*) AS d FROM (${pairsOf('old_rows')}) p GROUP BY 1, 2`)};
  ELSE${applied(`SELECT field, value, sum(d) AS d FROM (
      SELECT field, value, 1 AS d FROM (${pairsOf('new_rows')}) n
      UNION ALL
      SELECT field, value, -1 FROM (${pairsOf('old_rows')}) o) p
    GROUP BY 1, 2 HAVING sum(d) <> 0`)};
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

INSERT INTO facet_totals (field, value, count) SELECT field, value, count(*) FROM (${pairsOf('interactions')}) p GROUP BY 1, 2;

GRANT SELECT ON facet_totals TO wolkvox_sync, wolkvox_auditor;
`;
