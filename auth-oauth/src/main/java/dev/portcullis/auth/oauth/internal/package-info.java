/**
 * Not part of the contract: the {@code auth.oauth.*} settings section and its reader, and rules
 * shared by the module's use cases.
 */
package dev.portcullis.auth.oauth.internal;
