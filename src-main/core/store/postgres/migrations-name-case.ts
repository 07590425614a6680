/**
 * PostgreSQL migration "names ignore ASCII case" (a review finding on migrations 1 and 4): samples' and
 * calibrations' names were unique on lower(name), whose folding depends on the database's locale (a "C"
 * database folds A–Z only, a UTF-8 one also Ñ, É…), while SQLite's COLLATE NOCASE folds A–Z only. So
 * "Ñandú" and "ñandú" were one name on some team caches and two on a laptop, and a selection taken
 * offline could not come back under its name. Now both fold A–Z only, as SQLite, whatever the locale:
 * name_key() is that folding (immutable, so an index may use it), and the stores compare names with it.
 * SQLite stays the reference: its caches upgrade with nothing to do, and this step only relaxes the rule
 * (every name unique under lower() is unique under name_key()), so no existing team cache can fail it.
 */
export const NAME_CASE_SQL = `
CREATE FUNCTION name_key(name text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN translate(name, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz');

DROP INDEX samples_by_name;
CREATE UNIQUE INDEX samples_by_name ON samples (name_key(name));
DROP INDEX calibrations_by_name;
CREATE UNIQUE INDEX calibrations_by_name ON calibrations (name_key(name));
`;
