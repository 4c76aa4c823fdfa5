/**
 * Micrometer metrics of the framework: {@link dev.portcullis.auth.core.metrics.AuthMetrics}, a
 * {@code MeterBinder} fed by the auth events and by timed password hashing and token verification,
 * and {@link dev.portcullis.auth.core.metrics.AuthMetricsModule}, its Guice wiring. Micrometer is
 * an optional dependency of auth-core: only an application that has it uses this package.
 */
package dev.portcullis.auth.core.metrics;
