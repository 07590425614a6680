/**
 * PostgreSQL migration (Insights at scale): the agent index carries every column the Insights statement reads
 * (insights/insights-sql.ts) and the facets count, so Insights and the filter panel over one agent or a few,
 * with or without dates, are index-only scans of those agents' entries instead of a visit to nearly every
 * page of the table: each page of interactions holds rows of every agent, and the rows are wide (bodies,
 * answers, the raw record).
 * The key is unchanged, so the agent sort and filter read it as before; the sync host writes one index
 * entry per row as before, about 70 bytes longer.
 *
 * Index-only scans skip the table only on pages the visibility map marks all-visible, which a VACUUM
 * does. Autovacuum runs after inserts of a fifth of the table by default (two million rows at ten
 * million); a hundredth keeps the newest rows within about a week of the daily syncs of such an operation.
 */
export const INSIGHTS_INDEX_SQL = `
DROP INDEX interactions_sorted_by_agent;
CREATE INDEX interactions_sorted_by_agent ON interactions (agent_name COLLATE "C", id)
  INCLUDE (created_utc, closed_utc, channel, cod_act, cod_description, evaluation_survey, status, skill_id);
ALTER TABLE interactions SET (autovacuum_vacuum_insert_scale_factor = 0.01);
`;
