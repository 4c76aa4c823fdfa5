package dev.portcullis.auth.server.pages;

/**
 * The sign-in form.
 *
 * @param action where the form posts
 * @param csrf the interaction's CSRF token, posted back in a hidden field
 * @param clientName the application the user signs in to, or null (device flow)
 * @param error a plain-words message (wrong password, locked until, too many attempts) or null
 * @param identifier the identifier to fill in again, or null
 * @param step the hidden {@code step} field's value, or null when the action needs none
 */
public record LoginPage(
    String action, String csrf, String clientName, String error, String identifier, String step) {}
