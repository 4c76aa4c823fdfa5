package dev.portcullis.auth.server.pages;

/**
 * The second-factor form after a right password: a 6-digit code of the authenticator app or a
 * recovery code.
 *
 * @param action where the form posts
 * @param csrf the interaction's CSRF token, posted back in a hidden field
 * @param clientName the application the user signs in to, or null (device flow)
 * @param error a plain-words message (wrong code and attempts left, locked until) or null
 * @param step the hidden {@code step} field's value, or null when the action needs none
 */
public record MfaPage(String action, String csrf, String clientName, String error, String step) {}
