/**
 * Account use cases: {@link dev.portcullis.auth.core.account.AccountService} (registration,
 * password change, forgotten password and reset) and {@link
 * dev.portcullis.auth.core.account.LockoutAdmin} (list and clear lockouts). Login itself is in
 * {@code login}; HTTP and command-line front ends live in {@code auth-server} and only call these.
 */
package dev.portcullis.auth.core.account;
