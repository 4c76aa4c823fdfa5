/**
 * Turns JMH results, JFR profiles and the machine's description into {@code docs/benchmarks.md}.
 * Not published and not API.
 */
package dev.portcullis.auth.benchmarks.report;
