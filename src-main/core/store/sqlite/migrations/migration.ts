/** One numbered step of the schema. Its checksum (version, name and SQL) is recorded in every cache it ran on. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}
