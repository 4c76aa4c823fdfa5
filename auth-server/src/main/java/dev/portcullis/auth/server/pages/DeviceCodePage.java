package dev.portcullis.auth.server.pages;

/**
 * The form where a user types the code their device shows.
 *
 * @param action where the form posts
 * @param csrf the interaction's CSRF token
 * @param error a plain-words message (unknown or expired code, too many attempts) or null
 * @param userCode the code to fill in again, or null
 */
public record DeviceCodePage(String action, String csrf, String error, String userCode) {}
