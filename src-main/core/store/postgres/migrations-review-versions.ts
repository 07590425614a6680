/**
 * PostgreSQL migration "review versions" (issue 19, point 5: shared reviews, never silently overwritten).
 * - Every review carries a version: 1 when created, one more at each save (reviews/review-save.ts), so a
 *   save names the version its edit started from and is refused when a colleague saved meanwhile.
 *   Existing reviews become version 1.
 * - An auditor may take over a colleague's review ("keep mine" after a conflict): any review may be
 *   updated, but the row it leaves must be signed by the login (reviewer = session_user), and history rows
 *   are still only added as oneself (review_history's policies are unchanged), so every take-over is on
 *   record under the name of whoever made it.
 */
export const REVIEW_VERSIONS_SQL = `
ALTER TABLE reviews ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1);

DROP POLICY reviews_own_update ON reviews;
CREATE POLICY reviews_take_over ON reviews FOR UPDATE TO wolkvox_auditor USING (true) WITH CHECK (reviewer = session_user);
`;
