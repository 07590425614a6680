/**
 * PostgreSQL migration (ingest): the sync host maintains every index of interactions for each row it writes.
 * Migration 1's (column, id) indexes of the six facet columns and of the case have twins in COLLATE "C"
 * since migration 3 (the sorts'). The reads now compare those columns in COLLATE "C" (reads/filter-sql.ts,
 * reads/aggregates.ts, reads/records.ts; equality is byte equality in any deterministic collation, so the
 * same rows match), so the twins serve the filters and the conversation too, and these seven only cost
 * ingest (BENCHMARKS.md, "Ingest through the store"). Kept: closed_utc's (the close date sort), the change
 * feed's and the search index. Self-contained: any step number may carry it.
 */
export const INGEST_INDEXES_SQL = `
DROP INDEX interactions_by_agent;
DROP INDEX interactions_by_status;
DROP INDEX interactions_by_channel;
DROP INDEX interactions_by_skill;
DROP INDEX interactions_by_cod_act;
DROP INDEX interactions_by_evaluation;
DROP INDEX interactions_by_case;
`;
