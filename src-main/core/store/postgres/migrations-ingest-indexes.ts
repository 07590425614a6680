/**
 * PostgreSQL migration (ingest): the sync host maintains every index of interactions for every row it
 * writes, and migration 1's (column, id) indexes of the six facet columns had twins in COLLATE "C" since
 * migration 3 (the sorts'). The reads now compare those columns in COLLATE "C" (reads/filter-sql.ts,
 * reads/aggregates.ts: equality is byte equality in any deterministic collation, so the same rows match), so
 * the C indexes serve the filters too and these six only cost ingest (about 14 µs of the server's 80 a
 * new row, BENCHMARKS.md). Kept: the case index (a conversation is read by case and server), closed_utc's,
 * the change feed's, the search index. Self-contained: any step number may carry it.
 */
export const INGEST_INDEXES_SQL = `
DROP INDEX interactions_by_agent;
DROP INDEX interactions_by_status;
DROP INDEX interactions_by_channel;
DROP INDEX interactions_by_skill;
DROP INDEX interactions_by_cod_act;
DROP INDEX interactions_by_evaluation;
`;
