/**
 * PostgreSQL migration: fresh planner statistics after a sync host's large run. Right after a first sync the
 * planner knows nothing of the new rows until autovacuum gets to them, and picks plans that read the whole
 * table (measured: 200,000 rows, six facets 1,022 ms before ANALYZE, 302 ms after; a sample preview 1.37 s
 * against 48 ms). ANALYZE needs the table's owner, which the sync role is not: this function runs it with the
 * owner's rights (the administrator who ran `team init`), for the sync and lead roles only. It does nothing
 * but ANALYZE the cache's tables, and its search path is fixed, so it lends no other right.
 */
export const STATISTICS_SQL = `
CREATE FUNCTION refresh_statistics() RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = wolkvox AS $$
  ANALYZE wolkvox.interactions;
  ANALYZE wolkvox.interaction_history;
$$;
REVOKE EXECUTE ON FUNCTION refresh_statistics() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION refresh_statistics() TO wolkvox_sync, wolkvox_lead;
`;
