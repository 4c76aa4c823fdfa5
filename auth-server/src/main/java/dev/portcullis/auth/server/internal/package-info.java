/**
 * The server's implementation: configuration loading and the data directory, development keys,
 * wiring, metrics, health, the notification webhook, the doctor. Not part of the contract.
 */
package dev.portcullis.auth.server.internal;
