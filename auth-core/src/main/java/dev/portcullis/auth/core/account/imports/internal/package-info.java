/** The readers behind {@code UserSources}. Not part of the module's contract. */
package dev.portcullis.auth.core.account.imports.internal;
