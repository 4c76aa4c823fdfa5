/**
 * JMH benchmarks of hashing, signing, verification, login and the stores, side by side with peers
 * and the physical floor, plus their shared {@code Fixtures}. Not published and not API; results go
 * to {@code docs/benchmarks.md} through {@code report}.
 */
package dev.portcullis.auth.benchmarks;
