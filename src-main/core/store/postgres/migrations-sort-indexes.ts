/**
 * PostgreSQL migration (reads): the grid's text sorts compare bytes (COLLATE "C", reads/filter-sql.ts
 * pgSortKeyOf: the port's code point order whatever the database's locale), and an index serves an order
 * only in its own collation. Migration 1's (column, id) indexes are in the database's default collation and
 * keep serving equality filters; these serve the sorts, so a page sorted by agent (or status, channel,
 * skill, typification, evaluation, case) walks an index from its cursor instead of sorting the whole
 * table for every page. Self-contained: any step number may carry it.
 */
export const SORT_INDEXES_SQL = `
CREATE INDEX interactions_sorted_by_agent ON interactions (agent_name COLLATE "C", id);
CREATE INDEX interactions_sorted_by_status ON interactions (status COLLATE "C", id);
CREATE INDEX interactions_sorted_by_channel ON interactions (channel COLLATE "C", id);
CREATE INDEX interactions_sorted_by_skill ON interactions (skill_id COLLATE "C", id);
CREATE INDEX interactions_sorted_by_cod_act ON interactions (cod_act COLLATE "C", id);
CREATE INDEX interactions_sorted_by_evaluation ON interactions (evaluation_survey COLLATE "C", id);
CREATE INDEX interactions_sorted_by_case ON interactions (case_id COLLATE "C", id);
`;
