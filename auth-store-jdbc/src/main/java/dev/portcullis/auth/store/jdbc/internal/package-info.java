/**
 * Implementation of auth-store-jdbc: the adapters, {@code Database} (connections, transactions,
 * retries, failure translation), {@code Sql} (the bind, execute and map loop of every statement),
 * migrations and the purger. Not part of its contract, may change in any release.
 */
package dev.portcullis.auth.store.jdbc.internal;
