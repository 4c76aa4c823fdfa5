/** Implementation of auth-store-jdbc: not part of its contract, may change in any release. */
package dev.portcullis.auth.store.jdbc.internal;
