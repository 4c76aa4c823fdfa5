package dev.portcullis.auth.store.jdbc.internal;

/**
 * The qualified names of the Portcullis tables in one schema. Every statement names its schema, so
 * that no {@code search_path} can send a tenant's query to another tenant's tables.
 *
 * @param schema the schema, folded to the database's case
 */
public record Tables(String schema) {

  /** Flyway's history table of the Portcullis migrations. */
  public static final String HISTORY = "portcullis_schema_history";

  public Tables {
    if (!schema.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("not a plain identifier: " + schema);
    }
  }

  /** {@code "schema".table} for a table created by the migrations (unquoted, so case-folded). */
  public String name(String table) {
    return '"' + schema + "\"." + table;
  }

  /** The history table, which Flyway creates with a quoted name. */
  public String history() {
    return '"' + schema + "\".\"" + HISTORY + '"';
  }
}
