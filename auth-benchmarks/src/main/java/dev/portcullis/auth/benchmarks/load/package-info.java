/**
 * A loopback load generator for the running server ({@code LoadGenerator}) and its result. Not
 * published and not API.
 */
package dev.portcullis.auth.benchmarks.load;
