/**
 * JDBC adapters for every store port, on PostgreSQL or H2 (MODE=PostgreSQL): {@link
 * dev.portcullis.auth.store.jdbc.JdbcStoreModule} for Guice, {@link
 * dev.portcullis.auth.store.jdbc.JdbcStores} without it, {@link
 * dev.portcullis.auth.store.jdbc.JdbcStoreSettings} for {@code auth.store.jdbc.*}.
 *
 * <p>The tables come from Flyway migrations inside the jar ({@code db/portcullis}, history table
 * {@code portcullis_schema_history}), in the schema {@code auth.store.jdbc.schema} names (one per
 * tenant). Every read-modify-write is one conditional statement or one transaction holding a row
 * lock, so instances sharing a database act as one. A database that cannot answer makes every store
 * method throw {@link dev.portcullis.auth.api.error.ServiceUnavailableException} naming the cause
 * and the settings to look at: nothing fails open.
 */
package dev.portcullis.auth.store.jdbc;
