/** Helpers the benchmarks share (a coarse clock). Not published and not API. */
package dev.portcullis.auth.benchmarks.support;
