/**
 * Account use cases: {@link dev.portcullis.auth.core.account.AccountService} (registration,
 * password change, forgotten password and reset), {@link
 * dev.portcullis.auth.core.account.AccountAdmin} (accounts created, listed, enabled and disabled by
 * an operator), {@link dev.portcullis.auth.core.account.ProfileService} (the signed-in user's
 * account and sessions) and {@link dev.portcullis.auth.core.account.LockoutAdmin} (list and clear
 * lockouts). Login itself is in {@code login}; HTTP and command-line front ends live in {@code
 * auth-server} and only call these.
 */
package dev.portcullis.auth.core.account;
