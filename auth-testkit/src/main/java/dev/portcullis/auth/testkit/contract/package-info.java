/**
 * The contract suites every store adapter must pass, one abstract JUnit 5 class per store port of
 * {@code dev.portcullis.auth.api.store}: extend one and return a new, empty store from its factory
 * method. The in-memory adapters (in this module's tests) and {@code auth-store-jdbc} (on H2 and
 * PostgreSQL) are certified this way. Each suite is long by nature: it is the port's specification.
 */
package dev.portcullis.auth.testkit.contract;
